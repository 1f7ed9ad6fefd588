"""Topics (议题), replies, circles (圈子), supports (支持) and the search index.

Counters pages show (reply, support and read counts, a circle's topic count) and the hot
score are stored and kept by actions.py; lists read them from indexed columns and never
count per request. `hidden` mirrors the moderation case (moderation/registry.py).
"""

import math

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

TITLE_MAX = 80
BODY_MAX = 10_000
REPLY_MAX = 5_000
IMAGES_MAX = 9
HOT_EPOCH = 1_700_000_000  # seconds; the hot score's time origin
HOT_HALF = 86_400  # one day newer weighs as much as ten times the engagement


def hot_score(*, created_ts: float, supports: int, replies: int, reads: int) -> float:
    """Time-decayed hotness that needs no recomputation as time passes (Reddit's trick):
    log10 of the engagement plus the creation time, so newer topics start higher and
    older ones need ten times the engagement per day of age to keep up."""
    engagement = 1 + 2 * supports + 3 * replies + reads / 10
    return round(math.log10(engagement) + (created_ts - HOT_EPOCH) / HOT_HALF, 6)


class Circle(models.Model):
    """A hashtag group (#垃圾分类#) in one neighborhood, created by use or by staff."""

    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=20)
    description = models.CharField(_("description"), max_length=200, blank=True)
    topic_count = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("circle")
        verbose_name_plural = _("circles")
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "name"], name="forum_circle_unique_name"
            )
        ]
        indexes = [models.Index(fields=["neighborhood", "-topic_count"], name="forum_circle_hot")]

    def __str__(self):
        return f"#{self.name}#"


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    RESIDENTS = "residents", _("Residents of this neighborhood only")


class Topic(models.Model):
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_topics"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("text"), max_length=BODY_MAX)
    body_html = models.TextField(editable=False, default="")
    visibility = models.CharField(
        _("who can read it"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    circles = models.ManyToManyField(
        Circle, through="TopicCircle", related_name="topics", blank=True
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    pinned_at = models.DateTimeField(
        null=True, blank=True, editable=False
    )  # set with is_pinned; what the pinned list reads
    is_closed = models.BooleanField(pgettext_lazy("topic", "closed"), default=False)
    is_committee = models.BooleanField(_("committee topic"), default=False)
    hidden = models.BooleanField(default=False, editable=False)
    reply_count = models.PositiveIntegerField(default=0, editable=False)
    support_count = models.PositiveIntegerField(default=0, editable=False)
    read_count = models.PositiveIntegerField(default=0, editable=False)
    hot = models.FloatField(default=0, editable=False)
    best_reply = models.ForeignKey(
        "Reply", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(db_index=False)
    last_activity_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [
            # No `hidden` column in these: Django writes `hidden=False` as `NOT hidden`, which SQLite
            # cannot match to an index column; hidden topics are few and filtered on the way.
            models.Index(
                fields=["neighborhood", "-last_activity_at", "-id"], name="forum_topic_latest"
            ),
            models.Index(fields=["neighborhood", "-hot", "-id"], name="forum_topic_hot"),
            models.Index(
                fields=["neighborhood", "-pinned_at"],
                name="forum_topic_pinned_at",
                condition=Q(pinned_at__isnull=False),
            ),
            models.Index(fields=["author", "-created_at"], name="forum_topic_author"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum:topic-detail", args=[self.pk])

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLIC


class TopicCircle(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE)
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE)
    # Copied from the topic so a circle's list is one index range scan.
    last_activity_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "circle"], name="forum_topiccircle_unique")
        ]
        indexes = [
            models.Index(
                fields=["circle", "-last_activity_at", "-topic"], name="forum_topiccircle_latest"
            )
        ]


def image_path(instance, filename):
    return f"forum/{instance.topic_id}/{instance.token}.{instance.ext}"


class TopicImage(models.Model):
    """An uploaded picture, re-encoded (resized, EXIF and other metadata gone) by images.py."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="images")
    token = models.CharField(max_length=32, editable=False)
    ext = models.CharField(max_length=5, editable=False)
    file = models.FileField(upload_to=image_path, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def get_absolute_url(self):
        return reverse("forum:image", args=[self.pk, self.ext])


class Reply(models.Model):
    """A reply. One level of nesting: a reply to a reply points at it (`parent`) and quotes it."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="replies")
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_replies"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("reply"), max_length=REPLY_MAX)
    body_html = models.TextField(editable=False, default="")
    hidden = models.BooleanField(default=False, editable=False)
    support_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        # The hot indexes lead with the neighborhood, the distribution column (docs/scaling.md);
        # a person's own replies (across neighborhoods) keep theirs by author.
        indexes = [
            models.Index(
                fields=["neighborhood", "topic", "created_at", "id"], name="forum_reply_oldest"
            ),
            models.Index(
                fields=["neighborhood", "topic", "-support_count", "created_at", "id"],
                name="forum_reply_hot",
            ),
            models.Index(
                fields=["neighborhood", "topic", "author", "created_at"],
                name="forum_reply_author_in_topic",
            ),
            models.Index(fields=["author", "-created_at"], name="forum_reply_author"),
        ]

    def __str__(self):
        return self.body[:40]

    def get_absolute_url(self):
        return reverse("forum:reply-go", args=[self.pk])


class Support(models.Model):
    """支持: one per person per topic or reply."""

    class Target(models.TextChoices):
        TOPIC = "t", _("topic")
        REPLY = "r", _("reply")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    target = models.CharField(max_length=1, choices=Target.choices)
    target_id = models.PositiveBigIntegerField()
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    # Partitioning / Citus distribution column (docs/scaling.md); no index of its own.
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "person", "target", "target_id"],
                name="forum_support_once",
            )
        ]
        indexes = [
            models.Index(
                fields=["neighborhood", "person", "topic"], name="forum_support_person_topic"
            )
        ]


class SearchEntry(models.Model):
    """One searchable post (a topic or a reply), its text already segmented by jieba.

    Indexed by SQLite FTS5 (`forum_search_fts`, kept by triggers) or by a PostgreSQL
    tsvector column with a GIN index (both created in migration 0002); both indexes lead with
    neighborhood_id (migration 0006), so a search matches inside one neighborhood.
    """

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    reply = models.OneToOneField(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    public = models.BooleanField(default=True)
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["topic"], condition=Q(reply__isnull=True), name="forum_search_one_per_topic"
            )
        ]


class QuickProposal(models.Model):
    """A quick proposal inside a topic (as in Loomio): members take a stance — agree, abstain,
    disagree or block — each with a reason; at the close the author posts the outcome.

    The four counters are recounted from the stances by `actions.quick.stance_set`, with this
    row locked. One open quick proposal per topic."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="quick_proposals")
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    statement = models.CharField(pgettext_lazy("quick proposal", "proposal"), max_length=300)
    closes_at = models.DateTimeField(_("closes"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(_("outcome"), max_length=2000, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    agree_count = models.PositiveIntegerField(default=0, editable=False)
    abstain_count = models.PositiveIntegerField(default=0, editable=False)
    disagree_count = models.PositiveIntegerField(default=0, editable=False)
    block_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quick proposal")
        verbose_name_plural = _("quick proposals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["neighborhood", "topic", "-created_at"], name="forum_quick_topic")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "topic"],
                condition=Q(status="open"),
                name="forum_one_open_quick_proposal",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | (Q(closed_at__isnull=False) & ~Q(outcome="")),
                name="forum_quick_closed_with_outcome",
            ),
        ]

    def __str__(self):
        return self.statement

    def get_absolute_url(self):
        return f"{self.topic.get_absolute_url()}#quick-{self.pk}"

    @property
    def accepting(self):
        """Open, and its closing time not yet passed: stances are taken."""
        from django.utils import timezone

        return self.status == self.Status.OPEN and self.closes_at > timezone.now()

    @property
    def stance_count(self):
        return self.agree_count + self.abstain_count + self.disagree_count + self.block_count


class Stance(models.Model):
    class Position(models.TextChoices):
        AGREE = "agree", _("agree")
        ABSTAIN = "abstain", _("abstain")
        DISAGREE = "disagree", _("disagree")
        BLOCK = "block", _("block")

    proposal = models.ForeignKey(QuickProposal, on_delete=models.CASCADE, related_name="stances")
    # Copied from the proposal: the table is partitioned and its keys lead with it (docs/scaling.md).
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", editable=False
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    position = models.CharField(_("stance"), max_length=10, choices=Position.choices)
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stance")
        verbose_name_plural = _("stances")
        ordering = ["proposal_id", "-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "proposal", "person"], name="forum_one_stance_each"
            )
        ]

    def __str__(self):
        return self.position


class Revision(models.Model):
    """What a topic or reply said before its author edited it (the edit history moderators read).

    One row per edit, holding the text as it was before that edit; the post itself holds the
    text as it is now. `reply` is empty for a topic's own revisions."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="revisions")
    reply = models.ForeignKey(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField()  # when the text was replaced

    class Meta:
        indexes = [
            models.Index(fields=["topic", "reply", "-created_at"], name="forum_revision_post"),
        ]


class TopicDraft(models.Model):
    """A topic its author saved without posting: nobody else sees it; posting it makes a Topic."""

    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=TITLE_MAX, blank=True)
    body = models.TextField(_("text"), max_length=BODY_MAX, blank=True)
    visibility = models.CharField(
        _("who can read it"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    circles = models.CharField(_("circles"), max_length=120, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        indexes = [models.Index(fields=["author", "-updated_at"], name="forum_draft_author")]

    def __str__(self):
        return self.title or "…"
