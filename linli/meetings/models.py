"""Meetings (议事会, 三委联动 meetings, hearings): an agenda, attendance, minutes.

An agenda item may point at a forum topic, a request, a decision or a proposal by kind and id
(no foreign key into those apps; `links.py` checks the object through that app's selectors).
Attendance is recorded by staff from the paper sign-in sheet, or by people signing themselves
in at the meeting. A minutes point may become a request (linli.office) or a decision
(linli.decide), through those apps' actions; the point keeps the id it became.

Meetings are an app of their own, not part of linli.proposals: an agenda gathers topics,
requests, decisions and proposals alike, and attendance, minutes and the calendar are the
meeting's own life. Proposals only need to be linkable from an agenda (through their selectors).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.community.models import Neighborhood


class Meeting(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("residents' council")
        JOINT = "joint", _("joint meeting of the three committees")
        HEARING = "hearing", _("hearing")

    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+", editable=False
    )
    kind = models.CharField(_("kind of meeting"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=100)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=120)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    # Maintained by the attendance actions.
    attendee_count = models.PositiveIntegerField(default=0, editable=False)
    minutes_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["neighborhood", "-starts_at"], name="meeting_nb_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:meeting-detail", args=[self.pk])


class AgendaItem(models.Model):
    class Link(models.TextChoices):
        NONE = "", _("nothing")
        TOPIC = "topic", _("forum topic")
        REQUEST = "request", _("request")
        DECISION = "decision", _("decision")
        PROPOSAL = "proposal", _("residents' proposal")

    URL_NAMES = {
        "topic": "forum:topic-detail",
        "request": "office:request-detail",
        "decision": "decide:decision-detail",
        "proposal": "proposals:proposal-detail",
    }

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(pgettext_lazy("agenda", "item"), max_length=200)
    link_kind = models.CharField(
        _("links to"), max_length=10, choices=Link.choices, blank=True, default=""
    )
    link_id = models.PositiveBigIntegerField(_("number"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(link_kind="", link_id__isnull=True)
                | (~Q(link_kind="") & Q(link_id__isnull=False)),
                name="agenda_link_kind_with_id",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def url(self):
        name = self.URL_NAMES.get(self.link_kind)
        return reverse(name, args=[self.link_id]) if name and self.link_id else ""


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=60)
    affiliation = models.CharField(
        _("building or organisation"), max_length=100, blank=True, default=""
    )
    paper = models.BooleanField(_("signed the paper sheet"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="attendance_once_per_person",
            )
        ]

    def __str__(self):
        return self.name


class MinutePoint(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("point"), max_length=2000)
    request_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    decision_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minutes point")
        verbose_name_plural = _("minutes points")
        ordering = ["meeting_id", "created_at", "id"]

    def __str__(self):
        return self.text[:50]
