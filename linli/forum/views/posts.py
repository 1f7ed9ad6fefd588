"""Writing under a topic: replies, supports (支持), reports (举报), the best answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linli.core.errors import first_message
from linli.core.forms import run_action
from linli.core.perms import require
from linli.core.ratelimit import client_ip
from linli.moderation import actions as moderation

from .. import actions
from ..forms import ReplyForm, ReportForm
from ..models import Reply, Topic
from .topics import topic_or_404


@login_required
@require_POST
def reply_create(request, pk):
    topic = topic_or_404(pk)
    require(request.user, "forum.view_topic", topic)
    form = ReplyForm(request.POST)
    parent = None
    if form.is_valid():
        if form.cleaned_data.get("parent"):
            parent = Reply.objects.filter(pk=form.cleaned_data["parent"], topic=topic).first()
        done = run_action(
            request,
            actions.reply_create,
            form=form,
            author=request.user,
            topic=topic,
            body=form.cleaned_data["body"],
            parent=parent,
            confirm_personal=bool(form.cleaned_data.get("confirm_personal")),
            ip=client_ip(request),
        )
        if done.ok:
            reply = done.value
            if reply.held:
                messages.info(
                    request,
                    _(
                        "Your reply awaits review by the committee before others can see it. You will be told when it is decided."
                    ),
                )
                return redirect(topic)
            messages.success(request, _("Your reply is posted."))
            return redirect(reply.get_absolute_url())
    return render(
        request,
        "forum/reply_form.html",
        {"topic": topic, "form": form, "parent": parent},
        status=422,
    )


@login_required
@require_http_methods(["GET"])
def reply_answer(request, pk):
    """The form to answer one reply (works without JavaScript)."""
    parent = get_object_or_404(Reply.objects.select_related("topic", "author"), pk=pk, hidden=False)
    require(request.user, "forum.view_topic", parent.topic)
    require(request.user, "forum.post", parent.topic)
    return render(
        request,
        "forum/reply_form.html",
        {"topic": parent.topic, "parent": parent, "form": ReplyForm(initial={"parent": parent.pk})},
    )


def _support(request, topic, reply):
    undo = request.POST.get("undo") == "1"
    try:
        if undo:
            actions.support_remove(person=request.user, topic=topic, reply=reply)
        else:
            actions.support_add(person=request.user, topic=topic, reply=reply)
        error = ""
    except ValidationError as exc:
        error = first_message(exc)
    target = reply or topic
    target.refresh_from_db(fields=["support_count"])
    supported = not undo if not error else (error == _("You already support this."))
    if request.htmx:
        return render(
            request,
            "forum/support_button.html",
            {
                "post": target,
                "kind": "r" if reply else "t",
                "supported": supported,
                "can_support": True,
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    return redirect(reply.get_absolute_url() if reply else topic.get_absolute_url())


@login_required
@require_POST
def topic_support(request, pk):
    return _support(request, topic_or_404(pk), None)


@login_required
@require_POST
def reply_support(request, pk):
    reply = get_object_or_404(Reply.objects.select_related("topic__neighborhood"), pk=pk)
    return _support(request, reply.topic, reply)


@login_required
@require_http_methods(["GET", "POST"])
def report(request, kind, pk):
    if kind not in ("t", "r"):
        raise Http404
    target = (
        topic_or_404(pk)
        if kind == "t"
        else get_object_or_404(Reply.objects.select_related("topic"), pk=pk)
    )
    topic = target if kind == "t" else target.topic
    require(request.user, "forum.view_topic", target)
    require(
        request.user,
        "forum.report",
        topic,
        _("Only verified residents of this neighborhood can report posts."),
    )
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            moderation.report_create,
            form=form,
            success=_("Thank you. The committee will look at your report."),
            reporter=request.user,
            target=target,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            ip=client_ip(request),
        )
        if done.ok:
            return redirect(topic.get_absolute_url())
    return render(
        request,
        "forum/report_form.html",
        {"target": target, "topic": topic, "kind": kind, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def best_answer(request, pk):
    reply = get_object_or_404(Reply.objects.select_related("topic"), pk=pk)
    require(request.user, "forum.mark_best", reply.topic)
    try:
        if request.POST.get("undo") == "1":
            actions.best_answer_clear(actor=request.user, topic=reply.topic)
            messages.success(request, _("The best answer is unmarked."))
        else:
            actions.best_answer_mark(actor=request.user, reply=reply)
            messages.success(request, _("Marked as the best answer."))
    except ValidationError as error:
        messages.error(request, first_message(error))
    return redirect(reply.topic)


__all__ = ["Topic"]
