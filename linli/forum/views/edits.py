"""Fixing one's own words: editing topics and replies, their edit history, topic drafts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from linli.core.forms import run_action
from linli.core.paging import paginate
from linli.core.perms import require
from linli.core.ratelimit import client_ip

from .. import actions as edit_actions
from .. import selectors
from ..forms import ReplyEditForm, TopicEditForm, TopicForm
from ..models import Reply, TopicDraft
from .topics import topic_or_404


def _held_message(request):
    messages.info(
        request,
        _(
            "Your edit awaits review by the committee before others can see the post again. You will be told when it is decided."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request, pk):
    topic = topic_or_404(pk)
    require(request.user, "forum.edit_post", topic, _("Only the author can edit this topic."))
    form = TopicEditForm(request.POST or None, initial={"title": topic.title, "body": topic.body})
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            edit_actions.topic_edit,
            form=form,
            actor=request.user,
            topic=topic,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            confirm_personal=bool(form.cleaned_data.get("confirm_personal")),
            ip=client_ip(request),
        )
        if done.ok:
            if done.value.held:
                _held_message(request)
            else:
                messages.success(request, _("Your changes are saved."))
            return redirect(done.value)
    return render(
        request,
        "forum/post_edit.html",
        {"topic": topic, "post": topic, "form": form, "kind": "t"},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reply_edit(request, pk):
    reply = get_object_or_404(Reply.objects.select_related("topic__neighborhood"), pk=pk)
    require(request.user, "forum.edit_post", reply, _("Only the author can edit this reply."))
    form = ReplyEditForm(request.POST or None, initial={"body": reply.body})
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            edit_actions.reply_edit,
            form=form,
            actor=request.user,
            reply=reply,
            body=form.cleaned_data["body"],
            confirm_personal=bool(form.cleaned_data.get("confirm_personal")),
            ip=client_ip(request),
        )
        if done.ok:
            if done.value.held:
                _held_message(request)
            else:
                messages.success(request, _("Your changes are saved."))
            return redirect(reply.get_absolute_url())
    return render(
        request,
        "forum/post_edit.html",
        {"topic": reply.topic, "post": reply, "form": form, "kind": "r"},
        status=422 if form.errors else 200,
    )


@login_required
def post_history(request, kind, pk):
    """A post's edit history: the text as it is, then each earlier text, newest first."""
    if kind not in ("t", "r"):
        raise Http404
    if kind == "t":
        post = topic = topic_or_404(pk)
    else:
        post = get_object_or_404(Reply.objects.select_related("topic__neighborhood"), pk=pk)
        topic = post.topic
    require(request.user, "forum.view_topic", topic)
    require(
        request.user,
        "forum.view_history",
        post,
        _("Only the author and the committee can read a post's edit history."),
    )
    return render(
        request,
        "forum/post_history.html",
        {
            "topic": topic,
            "post": post,
            "kind": kind,
            "page": paginate(request, selectors.revisions_of(post), per_page=20),
        },
    )


# --- drafts ---------------------------------------------------------------------------------


def _draft_or_404(request, pk):
    draft = get_object_or_404(TopicDraft.objects.select_related("neighborhood"), pk=pk)
    require(request.user, "forum.change_draft", draft, _("This is not your draft."))
    return draft


def draft_save(request, neighborhood, draft=None):
    """Save the posted topic form as a draft (from the new-topic page or a draft's page)."""
    done = run_action(
        request,
        edit_actions.topic_draft_save,
        author=request.user,
        neighborhood=neighborhood,
        draft=draft,
        title=request.POST.get("title", ""),
        body=request.POST.get("body", ""),
        visibility=request.POST.get("visibility", "public"),
        circles=request.POST.get("circles", ""),
        success=_("Your draft is saved. Only you can see it, under My topics → My drafts."),
    )
    return redirect("forum:draft-edit", done.value.pk) if done.ok else None


@login_required
@require_http_methods(["GET", "POST"])
def draft_edit(request, pk):
    """A draft: save it again, post it as a topic, or delete it."""
    draft = _draft_or_404(request, pk)
    neighborhood = draft.neighborhood
    if request.method == "POST" and request.POST.get("do") == "delete":
        edit_actions.topic_draft_delete(author=request.user, draft=draft)
        messages.success(request, _("The draft is deleted."))
        return redirect(reverse("forum:mine") + "?tab=drafts")
    if request.method == "POST" and request.POST.get("do") == "draft":
        response = draft_save(request, neighborhood, draft)
        if response is not None:
            return response
    can_committee = request.user.has_perm("forum.post_committee_topic", neighborhood)
    initial = {
        "title": draft.title,
        "body": draft.body,
        "visibility": draft.visibility,
        "circles": draft.circles,
    }
    posting = request.method == "POST" and request.POST.get("do") != "draft"
    form = TopicForm(
        request.POST or None, request.FILES or None, can_committee=can_committee, initial=initial
    )
    if posting and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            edit_actions.topic_draft_post,
            form=form,
            author=request.user,
            draft=draft,
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
            if done.value.held:
                messages.info(
                    request,
                    _(
                        "Your topic awaits review by the committee before others can see it. You will be told when it is decided."
                    ),
                )
                return redirect("forum:topic-list", neighborhood.slug)
            messages.success(request, _("Your topic is posted."))
            return redirect(done.value)
    return render(
        request,
        "forum/topic_form.html",
        {"neighborhood": neighborhood, "form": form, "draft": draft},
        status=422 if form.errors else 200,
    )
