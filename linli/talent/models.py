"""The talent pool (人才库): skills staff maintain, profiles residents declare with consent,
and invitations from staff to a topic, consultation or project.

A profile is visible only while consent is given (`consent_at` set, `withdrawn_at` empty);
withdrawing hides it at once from every list, search and match. `search_text` and
`keywords` are lower-cased copies kept by the actions, so that search and "who could
answer this?" are one query over one table.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Skill(models.Model):
    """One entry in the neighborhood's skill taxonomy (staff maintain it)."""

    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=40)
    name_en = models.CharField(_("English name"), max_length=60, blank=True)
    profile_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "name"], name="talent_skill_unique_name"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def label(self):
        from django.utils import translation

        return (self.name_en or self.name) if translation.get_language() == "en" else self.name


class HelpKind(models.TextChoices):
    ADVICE = "advice", pgettext_lazy("way to help", "advice")
    DESIGN = "design", pgettext_lazy("way to help", "design")
    HANDS_ON = "hands_on", pgettext_lazy("way to help", "hands-on work")
    TRANSLATION = "translation", pgettext_lazy("way to help", "translation")
    TEACHING = "teaching", pgettext_lazy("way to help", "teaching")
    CARE = "care", pgettext_lazy("way to help", "care and company")


HELP_LABELS = dict(HelpKind.choices)


class Availability(models.TextChoices):
    WEEKDAY_EVENINGS = "weekday_evenings", _("weekday evenings")
    WEEKENDS = "weekends", _("weekends")
    DAYTIME = "daytime", _("weekday daytime")
    FLEXIBLE = "flexible", _("flexible")
    OCCASIONAL = "occasional", _("now and then")


class Visibility(models.TextChoices):
    COMMITTEE = "committee", _("the residents' committee only")
    RESIDENTS = "residents", _("all residents of the neighborhood")


class TalentProfile(models.Model):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talent_profile"
    )
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", editable=False
    )
    building = models.ForeignKey(
        "community.Building", null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="profiles", verbose_name=_("skills")
    )
    tags = models.CharField(_("other skills"), max_length=200, blank=True)
    background = models.TextField(_("professional background"), max_length=2000, blank=True)
    languages = models.CharField(_("languages"), max_length=120, blank=True)
    help_kinds = models.CharField(_("how I can help"), max_length=120, blank=True)
    availability = models.CharField(
        _("availability"),
        max_length=20,
        choices=Availability.choices,
        default=Availability.FLEXIBLE,
    )
    visibility = models.CharField(
        _("who may see my profile"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.COMMITTEE,
    )
    contact_allowed = models.BooleanField(
        _("committee staff may see my phone number"), default=False
    )
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("consent withdrawn"), null=True, blank=True)
    # True exactly while consent holds (consent_at set, withdrawn_at empty); kept by the actions and
    # checked by a constraint, so that lists filter and count on one indexed column.
    active = models.BooleanField(default=False, editable=False)
    search_text = models.TextField(default="", editable=False)
    keywords = models.TextField(default="", editable=False)
    invitation_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("talent profile")
        verbose_name_plural = _("talent profiles")
        ordering = ["-pk"]
        indexes = [
            models.Index(
                fields=["neighborhood", "withdrawn_at", "visibility"], name="talent_profile_nb"
            ),
            models.Index(
                fields=["neighborhood", "active", "visibility"], name="talent_profile_active"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(active=Q(consent_at__isnull=False, withdrawn_at__isnull=True)),
                name="talent_profile_active_matches_consent",
            ),
        ]

    def __str__(self):
        return self.person.public_name

    def save(self, *args, **kwargs):
        self.active = self.is_active
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "active"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("talent:profile-detail", args=[self.pk])

    @property
    def is_active(self):
        return self.consent_at is not None and self.withdrawn_at is None

    @property
    def help_kind_list(self):
        return [HELP_LABELS[k] for k in self.help_kinds.split(",") if k in HELP_LABELS]

    @property
    def tag_list(self):
        return [t for t in (s.strip() for s in self.tags.split(",")) if t]

    @property
    def language_list(self):
        return [t for t in (s.strip() for s in self.languages.split(",")) if t]


ACTIVE = Q(active=True)


class ProfileWord(models.Model):
    """The words of a profile, for "who could answer this?": an inverted index kept by the actions.

    weight 3: a word of the person's skills (taxonomy or their own); 1: of their background,
    languages and ways to help. Matching is then a few index lookups, whatever the pool's size.
    """

    profile = models.ForeignKey(TalentProfile, on_delete=models.CASCADE, related_name="words")
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+"
    )
    word = models.CharField(max_length=40)
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "word"], name="talent_word_unique")
        ]
        indexes = [models.Index(fields=["neighborhood", "word"], name="talent_word_lookup")]


class Invitation(models.Model):
    """Staff invite a talent to a topic, consultation or project; tracked until answered."""

    class Target(models.TextChoices):
        TOPIC = "topic", _("topic")
        CONSULTATION = "consultation", _("consultation")
        PROJECT = "project", _("project")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", pgettext_lazy("invitation", "accepted")
        DECLINED = "declined", _("declined")

    profile = models.ForeignKey(TalentProfile, on_delete=models.CASCADE, related_name="invitations")
    neighborhood = models.ForeignKey(
        "community.Neighborhood", on_delete=models.CASCADE, related_name="+", editable=False
    )
    target_kind = models.CharField(_("invited to"), max_length=20, choices=Target.choices)
    target_id = models.PositiveBigIntegerField(_("number"), null=True, blank=True)
    target_label = models.CharField(pgettext_lazy("invitation field", "title"), max_length=200)
    target_url = models.CharField(_("link"), max_length=300, blank=True)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    response_note = models.CharField(
        pgettext_lazy("invitation field", "note"), max_length=500, blank=True
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "target_kind", "target_id"],
                condition=Q(status="pending", target_id__isnull=False),
                name="talent_invitation_one_pending",
            ),
        ]
        indexes = [
            models.Index(
                fields=["neighborhood", "status", "created_at"], name="talent_invitation_nb"
            )
        ]

    def __str__(self):
        return f"{self.profile_id} → {self.target_kind} {self.target_label}"
