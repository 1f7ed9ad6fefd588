"""Staff pages of the forum: pin, close, mark as committee topic, move; circles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linli.community.shortcuts import neighborhood_or_404
from linli.core.errors import first_message
from linli.core.forms import run_action
from linli.core.perms import require

from .. import actions, selectors
from ..forms import CircleForm, MoveForm
from .topics import topic_or_404

DONE = {
    ("pin", True): _("The topic is pinned."),
    ("pin", False): _("The topic is unpinned."),
    ("close", True): _("The topic is closed."),
    ("close", False): _("The topic is open again."),
    ("committee", True): _("Marked as a committee topic."),
    ("committee", False): _("No longer a committee topic."),
}


@login_required
@require_POST
def topic_flag(request, pk):
    topic = topic_or_404(pk)
    require(request.user, "forum.manage_topic", topic)
    flag, value = request.POST.get("flag", ""), request.POST.get("value") == "1"
    try:
        actions.topic_flag(actor=request.user, topic=topic, flag=flag, value=value)
        messages.success(request, str(DONE[(flag, value)]))
    except ValidationError as error:
        messages.error(request, first_message(error))
    return redirect(topic)


@login_required
@require_http_methods(["GET", "POST"])
def topic_move(request, pk):
    topic = topic_or_404(pk)
    require(request.user, "forum.manage_topic", topic)
    form = MoveForm(
        request.POST or None, initial={"circles": ", ".join(c.name for c in topic.circles.all())}
    )
    if request.method == "POST" and form.is_valid():
        import re

        names = [n for n in re.split(r"[,，、\s]+", form.cleaned_data["circles"]) if n.strip("#")]
        done = run_action(
            request,
            actions.topic_move,
            form=form,
            success=_("The topic's circles are changed."),
            actor=request.user,
            topic=topic,
            circle_names=names,
        )
        if done.ok:
            return redirect(topic)
    return render(
        request,
        "forum/topic_move.html",
        {"topic": topic, "form": form},
        status=422 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def circle_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "forum.view_forum")
    can_manage = request.user.has_perm("forum.manage_circles", neighborhood)
    form = CircleForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require(request.user, "forum.manage_circles", neighborhood)
        if form.is_valid():
            done = run_action(
                request,
                actions.circle_create,
                form=form,
                actor=request.user,
                neighborhood=neighborhood,
                **form.cleaned_data,
            )
            if done.ok:
                circle = done.value
                messages.success(request, _("The circle %(name)s is ready.") % {"name": circle})
                return redirect("forum:circle-list", slug)
    circles = selectors.hot_circles(neighborhood, limit=200)
    return render(
        request,
        "forum/circle_list.html",
        {"neighborhood": neighborhood, "circles": circles, "form": form},
        status=422 if form is not None and form.errors else 200,
    )
