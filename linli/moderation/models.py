"""Reports (举报) on anything residents post, gathered into one case per reported object.

A case targets any object through its content type and id, so every capability (forum
topics and replies today; later anything else) uses the same queue. `report_count` is
stored and kept by `report_create`; a case whose count reaches the threshold is hidden
until staff review it.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Reports from this many different people hide a post until staff review it.
HIDE_THRESHOLD = getattr(settings, "LINLI_MODERATION_HIDE_THRESHOLD", 3)


class Reason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Insults or harassment")
    PRIVACY = "privacy", _("Reveals someone's personal data")
    FALSE = "false", _("False or misleading information")
    ILLEGAL = "illegal", _("Illegal content")
    OTHER = "other", _("Something else")


class Case(models.Model):
    """Everything reported about one object, and what staff decided."""

    class Status(models.TextChoices):
        OPEN = "open", _("waiting for review")
        HIDDEN = "hidden", _("hidden")
        DELETED = "deleted", _("deleted")
        APPROVED = "approved", _("kept visible")

    class Source(models.TextChoices):
        REPORTS = "reports", _("reported by residents")
        SCORER = "scorer", _("held by the spam check")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    excerpt = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # Hidden from readers: by the threshold while open, or by staff.
    hidden = models.BooleanField(default=False)
    report_count = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.REPORTS)
    # What the spam check said (held items), and the full text it scored (the classifier learns from decisions).
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)
    # The author may appeal a decision once; the case goes back to the queue.
    appeal_note = models.CharField(max_length=500, blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("moderation case")
        verbose_name_plural = _("moderation cases")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="moderation_case_unique_target"
            )
        ]
        indexes = [
            models.Index(
                fields=["neighborhood", "status", "-updated_at"], name="moderation_case_queue"
            ),
            models.Index(
                fields=["content_type", "hidden"],
                name="moderation_case_hidden",
                condition=Q(hidden=True),
            ),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} · {self.status}"


class Report(models.Model):
    """One person's report of one object (once per person)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "reporter"], name="moderation_report_once")
        ]

    def __str__(self):
        return f"{self.case_id} · {self.reason}"


class Sanction(models.Model):
    """A mute (no posting until `until`) or a ban (no posting; `until` empty = for good) decided by staff."""

    class Kind(models.TextChoices):
        MUTE = "mute", _("muted")
        BAN = "ban", _("banned")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=5, choices=Kind.choices)
    until = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        indexes = [models.Index(fields=["person", "lifted_at"], name="moderation_sanction_person")]

    def __str__(self):
        return f"{self.person_id} · {self.kind} · {self.until}"


class Word(models.Model):
    """A word the committee blocks (posts with it are refused) or watches (posts with it are scored higher)."""

    class Kind(models.TextChoices):
        BLOCK = "block", _("blocked")
        WATCH = "watch", _("watched")

    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    word = models.CharField(_("word"), max_length=40)
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.WATCH)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("word")
        verbose_name_plural = _("words")
        ordering = ["word"]
        constraints = [
            models.UniqueConstraint(fields=["neighborhood", "word"], name="moderation_word_unique")
        ]

    def __str__(self):
        return self.word


class Fingerprint(models.Model):
    """A screened text's shingles (hashed, at most 64): near-duplicate checks and how fast someone posts."""

    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    grams = models.JSONField(default=list)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["neighborhood", "-created_at"], name="moderation_print_recent"),
            models.Index(fields=["author", "-created_at"], name="moderation_print_author"),
        ]


class ClassifierState(models.Model):
    """The trained classifier (token counts as JSON); one row, replaced by `classifier_retrain`."""

    data = models.JSONField(default=dict)
    spam_count = models.PositiveIntegerField(default=0)
    ham_count = models.PositiveIntegerField(default=0)
    trained_at = models.DateTimeField()

    class Meta:
        verbose_name = _("spam classifier")
