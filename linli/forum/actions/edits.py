"""Authors fix what they wrote, and keep drafts of topics they have not posted yet.

An edit goes through the same checks as new text (plain text or Markdown, no tricks, the
spam screen, personal data on public posts); a refused edit changes nothing. The text as it
was is kept as a Revision, which moderators (and the author) read on the post's history
page. An edit the spam screen holds hides the post until staff review it, as for new posts.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.community.models import Neighborhood, Resident
from linli.core.perms import require
from linli.core.text import render_markdown
from linli.forum import text
from linli.forum.models import (
    BODY_MAX,
    REPLY_MAX,
    TITLE_MAX,
    Reply,
    Revision,
    SearchEntry,
    Topic,
    TopicDraft,
    Visibility,
)
from linli.moderation import actions as moderation
from linli.notify.actions import notify

from .common import _clean_text, _mentioned, _rate_limit
from .topics import topic_create

DRAFTS_MAX = 20


def _screen(
    *, author: Resident, post: Topic | Reply, new_text: str, confirm_personal: bool, ip: str | None
) -> Any:
    topic = post.topic if isinstance(post, Reply) else post
    return moderation.text_check(
        author=author,
        text=new_text,
        kind="forum.reply" if isinstance(post, Reply) else "forum.topic",
        neighborhood=topic.neighborhood,
        public=topic.is_public,
        confirm_personal=confirm_personal,
        ip=ip,
    )


def _newly_mentioned(
    old_body: str, new_body: str, neighborhood_id: int, author: Resident
) -> list[int]:
    """The people the new text @mentions and the earlier text did not (only they are told)."""
    ids = _mentioned(new_body, neighborhood_id, author)
    if not ids or not text.mentions(old_body):
        return ids
    try:
        before = set(_mentioned(old_body, neighborhood_id, author))
    except ValidationError:
        before = set()
    return [pk for pk in ids if pk not in before]


@transaction.atomic
def topic_edit(
    *,
    actor: Resident,
    topic: Topic,
    title: str,
    body: str,
    confirm_personal: bool = False,
    ip: str | None = None,
) -> Topic:
    """The author replaces the topic's title and text. Returns the topic (`topic.held` when the
    new text awaits review). Unchanged text saves nothing."""
    topic = Topic.objects.select_for_update().select_related("neighborhood").get(pk=topic.pk)
    require(actor, "forum.edit_post", topic, _("Only the author can edit this topic."))
    title = _clean_text(title, limit=TITLE_MAX, empty_message=_("Give the topic a title."))
    body = _clean_text(body, limit=BODY_MAX, empty_message=_("Write something in the topic."))
    topic.held = False  # type: ignore[attr-defined]
    if title == topic.title and body == topic.body:
        return topic
    mentioned = _newly_mentioned(topic.body, body, topic.neighborhood_id, actor)
    _rate_limit(actor)
    verdict = _screen(
        author=actor,
        post=topic,
        new_text=f"{title}\n{body}",
        confirm_personal=confirm_personal,
        ip=ip,
    )
    now = timezone.now()
    Revision.objects.create(
        topic=topic,
        neighborhood_id=topic.neighborhood_id,
        editor=actor,
        title=topic.title,
        body=topic.body,
        created_at=now,
    )
    topic.title, topic.body, topic.body_html, topic.edited_at = (
        title,
        body,
        render_markdown(body),
        now,
    )
    topic.full_clean(exclude=["circles", "best_reply"])
    topic.save(update_fields=["title", "body", "body_html", "edited_at"])
    SearchEntry.objects.filter(topic=topic, reply=None).update(
        title_tokens=text.segmented(title), body_tokens=text.segmented(body)
    )
    _after_edit(actor, topic, verdict, f"{title}\n{body}", mentioned, title)
    return topic


@transaction.atomic
def reply_edit(
    *,
    actor: Resident,
    reply: Reply,
    body: str,
    confirm_personal: bool = False,
    ip: str | None = None,
) -> Reply:
    """The author replaces a reply's text (also in a closed topic: fixing is not replying)."""
    reply = Reply.objects.select_for_update().select_related("topic__neighborhood").get(pk=reply.pk)
    require(actor, "forum.edit_post", reply, _("Only the author can edit this reply."))
    body = _clean_text(body, limit=REPLY_MAX, empty_message=_("Write something in your reply."))
    reply.held = False  # type: ignore[attr-defined]
    if body == reply.body:
        return reply
    mentioned = _newly_mentioned(reply.body, body, reply.neighborhood_id, actor)
    _rate_limit(actor)
    verdict = _screen(
        author=actor, post=reply, new_text=body, confirm_personal=confirm_personal, ip=ip
    )
    now = timezone.now()
    Revision.objects.create(
        topic_id=reply.topic_id,
        reply=reply,
        neighborhood_id=reply.neighborhood_id,
        editor=actor,
        body=reply.body,
        created_at=now,
    )
    reply.body, reply.body_html, reply.edited_at = body, render_markdown(body), now
    reply.full_clean(exclude=["topic", "parent", "neighborhood", "author"])
    reply.save(update_fields=["body", "body_html", "edited_at"])
    SearchEntry.objects.filter(reply=reply).update(body_tokens=text.segmented(body))
    _after_edit(actor, reply, verdict, body, mentioned, reply.topic.title)
    return reply


def _after_edit(
    actor: Resident, post: Any, verdict: Any, new_text: str, mentioned: list[int], title: str
) -> None:
    post.held = verdict.held
    if verdict.held:
        moderation.hold(target=post, verdict=verdict, text=new_text)
        post.hidden = True
    elif mentioned and not post.hidden:
        notify(
            recipients=mentioned,
            kind="forum.mention",
            params={"name": actor.public_name, "title": title[:60]},
            url=post.get_absolute_url(),
            actor=actor,
        )


# --- drafts -------------------------------------------------------------------------------


def _draft_fields(title: str, body: str, visibility: str, circles: str) -> dict[str, Any]:
    title = (title or "").replace("\x00", "").strip()
    body = (body or "").replace("\x00", "").strip()
    if not title and not body:
        raise ValidationError(_("Write a title or some text before saving a draft."))
    if len(title) > TITLE_MAX or len(body) > BODY_MAX:
        raise ValidationError(
            _("A title has at most %(title)d characters and a text at most %(body)d.")
            % {"title": TITLE_MAX, "body": BODY_MAX}
        )
    if visibility not in Visibility.values:
        raise ValidationError(_("Choose who can read the topic."))
    return {
        "title": title,
        "body": body,
        "visibility": visibility,
        "circles": (circles or "").strip()[:120],
    }


@transaction.atomic
def topic_draft_save(
    *,
    author: Resident,
    neighborhood: Neighborhood,
    title: str,
    body: str,
    visibility: str = Visibility.PUBLIC,
    circles: str = "",
    draft: TopicDraft | None = None,
) -> TopicDraft:
    """Keep an unfinished topic for its author alone (a new draft, or `draft` replaced)."""
    require(
        author,
        "forum.post",
        neighborhood,
        _("Only verified residents and committee staff of this neighborhood can post here."),
    )
    fields = _draft_fields(title, body, visibility, circles)
    if draft is None:
        if TopicDraft.objects.filter(author=author).count() >= DRAFTS_MAX:
            raise ValidationError(
                _("You have %(n)d drafts. Post or delete one before saving another.")
                % {"n": DRAFTS_MAX}
            )
        draft = TopicDraft(author=author, neighborhood=neighborhood)
    else:
        require(author, "forum.change_draft", draft, _("This is not your draft."))
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.updated_at = timezone.now()
    draft.save()
    return draft


@transaction.atomic
def topic_draft_delete(*, author: Resident, draft: TopicDraft) -> None:
    require(author, "forum.change_draft", draft, _("This is not your draft."))
    TopicDraft.objects.filter(pk=draft.pk).delete()


@transaction.atomic
def topic_draft_post(*, author: Resident, draft: TopicDraft, **create: Any) -> Topic:
    """Post the draft as a topic (every check of topic_create applies); the draft is gone after."""
    require(author, "forum.change_draft", draft, _("This is not your draft."))
    topic = topic_create(author=author, neighborhood=draft.neighborhood, **create)
    TopicDraft.objects.filter(pk=draft.pk).delete()
    return topic
