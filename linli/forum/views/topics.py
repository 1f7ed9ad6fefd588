"""Topic pages: the list (latest / hot / a circle), a topic with its replies, posting a topic."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from linli.community.models import Neighborhood
from linli.community.shortcuts import neighborhood_or_404
from linli.core import fragments
from linli.core.forms import run_action
from linli.core.pagecache import cached_page
from linli.core.perms import require
from linli.core.ratelimit import client_ip

from .. import actions, reads, selectors
from ..forms import QuickProposalForm, ReplyForm, StanceForm, TopicForm
from ..models import Circle, Reply, Topic


def forum_index(request):
    """The forum of my neighborhood, or the list of neighborhoods to choose from."""
    user = request.user
    if user.is_authenticated and user.household_id:
        return redirect("forum:topic-list", user.household.neighborhood.slug)
    neighborhoods = list(Neighborhood.objects.order_by("name")[:50])
    if len(neighborhoods) == 1:
        return redirect("forum:topic-list", neighborhoods[0].slug)
    return render(request, "forum/forum_index.html", {"neighborhoods": neighborhoods})


@cached_page
def topic_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "forum.view_forum")
    circle = None
    if request.GET.get("circle", "").isdigit():
        circle = Circle.objects.filter(
            neighborhood=neighborhood, pk=int(request.GET["circle"])
        ).first()
    sort = selectors.Sort.HOT if request.GET.get("sort") == "hot" else selectors.Sort.LATEST
    pinned, topics, next_cursor = selectors.topic_list(
        user=request.user,
        neighborhood=neighborhood,
        circle=circle,
        sort=sort,
        after=request.GET.get("after", ""),
    )
    fragments.render_each(
        "forum/topic_row.html",
        pinned + topics,
        version=lambda t: selectors.topic_row_version(t, neighborhood.slug),
        as_name="t",
        context={"neighborhood": neighborhood},
    )
    return render(
        request,
        "forum/topic_list.html",
        {
            "neighborhood": neighborhood,
            "circle": circle,
            "sort": sort,
            "pinned": pinned,
            "topics": topics,
            "next_cursor": next_cursor,
            "hot_circles": selectors.hot_circles(neighborhood),
            "can_post": request.user.has_perm("forum.post", neighborhood),
            "can_manage": request.user.has_perm("forum.manage_circles", neighborhood),
            "first_page": not request.GET.get("after"),
        },
    )


@cached_page(on_hit=lambda request, pk: reads.read_record(request, pk))
def topic_detail(request, pk):
    topic = selectors.topic_detail(pk)
    if topic is None:
        raise Http404
    require(
        request.user,
        "forum.view_topic",
        topic,
        _(
            "This topic is for residents of the neighborhood only. Sign in as a verified resident to read it."
        )
        if topic.visibility != "public"
        else None,
    )
    sort = request.GET.get("sort") if request.GET.get("sort") in selectors.Sort.REPLIES else "hot"
    page = selectors.replies_page(topic=topic, sort=sort, page=request.GET.get("page", 1))
    circles = list(topic.circles.all())
    names = [c.name for c in circles]
    best = selectors.best_reply(topic) if page.number == 1 and sort != "op" else None
    replies = list(page.object_list)
    selectors.annotate_authors(
        [topic, *replies] + ([best] if best else []), topic.neighborhood_id, names
    )
    reads.read_record(request, topic.pk)
    user = request.user
    supported = selectors.supported_by(
        user, topic, [r.pk for r in replies] + ([best.pk] if best else [])
    )
    for r in replies + ([best] if best else []):
        r.is_supported = ("r", r.pk) in supported
        r.can_edit = user.has_perm("forum.edit_post", r)
        r.can_history = r.edited_at is not None and user.has_perm("forum.view_history", r)
    _reply_rows(topic, replies, best)
    return render(
        request,
        "forum/topic_detail.html",
        {
            "topic": topic,
            "neighborhood": topic.neighborhood,
            "circles": circles,
            "images": list(topic.images.all()),
            "page": page,
            "replies": replies,
            "best": best,
            "sort": sort,
            "topic_supported": ("t", topic.pk) in supported,
            "read_count": topic.read_count + reads.pending(topic.pk),
            "can_reply": user.has_perm("forum.post", topic) and not topic.is_closed,
            "can_support": user.has_perm("forum.support", topic),
            "can_report": user.has_perm("forum.report", topic),
            "can_best": user.has_perm("forum.mark_best", topic),
            "can_manage": user.has_perm("forum.manage_topic", topic),
            "can_edit": user.has_perm("forum.edit_post", topic),
            "can_history": topic.edited_at is not None
            and user.has_perm("forum.view_history", topic),
            "recommended": selectors.recommendations(
                user=user, topic=topic, circle_ids=[c.pk for c in circles]
            ),
            "form": ReplyForm(),
            "description": topic.body[:150],
            "quick_proposals": selectors.quick_proposals_of(user, topic),
            "can_start_quick": user.has_perm("forum.start_quick_proposal", topic),
            "can_take_stance": user.has_perm("forum.take_stance", topic),
            "quick_form": QuickProposalForm(),
            "stance_form": StanceForm(),
        },
    )


def _reply_rows(topic, replies, best):
    """The URLs of each reply's actions, reversed once for the page, and the part of each reply
    that is the same for everyone (author, time, quote, text), kept by its version."""
    support = fragments.url_maker("forum:reply-support")
    answer = fragments.url_maker("forum:reply-answer")
    best_url = fragments.url_maker("forum:best-answer")
    report = fragments.url_maker("forum:report", "r")
    for r in replies + ([best] if best else []):
        r.support_url, r.answer_url = support(r.pk), answer(r.pk)
        r.best_url, r.report_url = best_url(r.pk), report(r.pk)
    for rows, is_best in ((replies, False), ([best] if best else [], True)):
        fragments.render_each(
            "forum/reply_head.html",
            rows,
            version=lambda r, is_best=is_best: selectors.reply_head_version(r, topic, is_best),
            as_name="r",
            context={"topic": topic, "is_best": is_best},
            attr="head_html",
        )


@login_required
@require_http_methods(["GET", "POST"])
def topic_create(request, slug):
    neighborhood = neighborhood_or_404(
        request,
        slug,
        "forum.post",
        _("Only verified residents and committee staff of this neighborhood can post here."),
    )
    if request.method == "POST" and request.POST.get("do") == "draft":
        from .edits import draft_save

        saved = draft_save(request, neighborhood)
        if saved is not None:
            return saved
    can_committee = request.user.has_perm("forum.post_committee_topic", neighborhood)
    initial = {"circles": request.GET.get("circle", "")[:20]}
    form = TopicForm(
        request.POST or None, request.FILES or None, can_committee=can_committee, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            actions.topic_create,
            form=form,
            author=request.user,
            neighborhood=neighborhood,
            title=data["title"],
            body=data["body"],
            visibility=data["visibility"],
            circle_names=form.circle_names(),
            uploads=data.get("images") or [],
            is_committee=bool(data.get("is_committee")),
            confirm_personal=bool(data.get("confirm_personal")),
            ip=client_ip(request),
        )
        if done.ok:
            topic = done.value
            if topic.held:
                messages.info(
                    request,
                    _(
                        "Your topic awaits review by the committee before others can see it. You will be told when it is decided."
                    ),
                )
                return redirect("forum:topic-list", neighborhood.slug)
            messages.success(request, _("Your topic is posted."))
            return redirect(topic)
    return render(
        request,
        "forum/topic_form.html",
        {"neighborhood": neighborhood, "form": form},
        status=422 if form.errors else 200,
    )


def reply_go(request, pk):
    """A link to one reply: the topic page (newest first) where it is, scrolled to it."""
    reply = get_object_or_404(Reply.objects.select_related("topic"), pk=pk)
    require(request.user, "forum.view_topic", reply.topic)
    newer = Reply.objects.filter(
        neighborhood_id=reply.neighborhood_id,
        topic_id=reply.topic_id,
        hidden=False,
        created_at__gt=reply.created_at,
    ).count()
    page = newer // selectors.REPLIES_PER_PAGE + 1
    return redirect(f"{reply.topic.get_absolute_url()}?sort=newest&page={page}#r{reply.pk}")


def topic_or_404(pk):
    return get_object_or_404(Topic.objects.select_related("neighborhood"), pk=pk)
