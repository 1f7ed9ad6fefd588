"""Waste sorting: the item guide, drop-off points and times, collection days, sorting checks.

Shanghai sorts household waste into four kinds; bulky items (大件垃圾) go by appointment.
Curated items (neighborhood = NULL) ship with the app (data/items.csv, loaded by a data
migration); staff add local items and corrections (an item of their neighborhood with the
same Chinese name replaces the curated one there); residents suggest missing items, which
wait for staff.
"""

import re
from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.community.models import Building, Compound, Neighborhood


class Kind(models.TextChoices):
    RECYCLABLE = "recyclable", pgettext_lazy("waste kind", "Recyclable")
    HAZARDOUS = "hazardous", pgettext_lazy("waste kind", "Hazardous waste")
    WET = "wet", pgettext_lazy("waste kind", "Wet (kitchen) waste")
    DRY = "dry", pgettext_lazy("waste kind", "Dry (residual) waste")
    BULKY = "bulky", pgettext_lazy("waste kind", "Bulky item (by appointment)")


class Item(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("published")
        SUGGESTED = "suggested", _("suggested, awaiting staff")
        REJECTED = "rejected", _("declined")

    neighborhood = models.ForeignKey(
        Neighborhood,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("neighborhood"),
    )
    name_zh = models.CharField(_("Chinese name"), max_length=40)
    name_en = models.CharField(_("English name"), max_length=60, blank=True)
    synonyms = models.CharField(
        _("other names"),
        max_length=200,
        blank=True,
        help_text=_("Other names people use, separated by |, e.g. 利乐包|奶盒"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    preparation = models.CharField(
        _("preparation"), max_length=20, blank=True
    )  # a code from guide.PREPARATION, for curated items
    note = models.CharField(
        _("how to prepare it"),
        max_length=300,
        blank=True,
        help_text=_("Drain, rinse, flatten… in your own words."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_keys = models.TextField(
        editable=False, blank=True
    )  # pinyin and initials, filled by actions (guide.keys_for)
    search_tokens = models.TextField(
        editable=False, blank=True
    )  # jieba words of the names, filled by actions (guide.tokens_for)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["name_zh"]
        indexes = [models.Index(fields=["neighborhood", "status"], name="sorting_item_nb_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["name_zh"],
                condition=Q(neighborhood=None),
                name="sorting_item_curated_unique",
            ),
            models.UniqueConstraint(
                fields=["neighborhood", "name_zh"],
                condition=Q(status="published"),
                name="sorting_item_local_unique",
            ),
        ]

    def __str__(self):
        return self.name_zh

    def get_absolute_url(self):
        return reverse("sorting:item-detail", args=[self.pk])


TIMES_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–~至]\s*(\d{1,2}):(\d{2})\s*$")


def parse_times(text: str) -> list[tuple[time, time]]:
    """'7:00-9:00, 18:00-20:00' → [(07:00, 09:00), (18:00, 20:00)]; ValueError when unreadable."""
    spans = []
    for part in re.split(r"[,，;；、\s]+(?=\d)", (text or "").strip()):
        if not part.strip():
            continue
        m = TIMES_RE.match(part)
        if not m:
            raise ValueError(part)
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        start, end = time(h1, m1), time(h2, m2)
        if start >= end:
            raise ValueError(part)
        spans.append((start, end))
    return spans


class DropOffPoint(models.Model):
    """Where and when a compound drops off its waste (定时定点)."""

    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+", editable=False
    )
    compound = models.ForeignKey(
        Compound, on_delete=models.CASCADE, related_name="+", verbose_name=_("compound")
    )
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    location = models.CharField(_("where"), max_length=120, blank=True)
    times = models.CharField(
        _("drop-off times"), max_length=100, help_text=_("For example 7:00-9:00, 18:00-20:00")
    )
    kinds = models.CharField(
        _("kinds taken"), max_length=60, default="recyclable,hazardous,wet,dry"
    )
    buildings = models.ManyToManyField(
        Building,
        blank=True,
        related_name="+",
        verbose_name=_("buildings served"),
        help_text=_("Leave empty if it serves the whole compound."),
    )

    class Meta:
        verbose_name = _("drop-off point")
        verbose_name_plural = _("drop-off points")
        ordering = ["compound_id", "name"]

    def __str__(self):
        return self.name

    @property
    def kind_list(self):
        return [k for k in self.kinds.split(",") if k]

    @property
    def kind_labels(self):
        labels = dict(Kind.choices)
        return [labels[k] for k in self.kind_list if k in labels]


class CollectionDay(models.Model):
    """A day bulky items, hazardous waste or old clothes are collected (in the iCal feed)."""

    class Sort(models.TextChoices):
        BULKY = "bulky", _("bulky items")
        HAZARDOUS = "hazardous", _("hazardous waste")
        TEXTILES = "textiles", _("old clothes")
        ELECTRONICS = "electronics", _("old appliances and electronics")

    neighborhood = models.ForeignKey(Neighborhood, on_delete=models.CASCADE, related_name="+")
    compound = models.ForeignKey(
        Compound,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("compound"),
        help_text=_("Empty: the whole neighborhood."),
    )
    sort = models.CharField(_("what is collected"), max_length=12, choices=Sort.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=120)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("collection day")
        verbose_name_plural = _("collection days")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["neighborhood", "starts_at"], name="sorting_collect_nb_start")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="sorting_collect_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.get_sort_display()} {self.starts_at:%Y-%m-%d}"


class Check(models.Model):
    """A staff sorting check at a drop-off point, for one building (红黑榜)."""

    class Result(models.TextChoices):
        GOOD = "good", _("well sorted")
        MIXED = "mixed", _("mixed")
        CONTAMINATED = "contaminated", _("contaminated")

    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+", editable=False
    )
    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="+", verbose_name=_("building")
    )
    point = models.ForeignKey(
        DropOffPoint,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checks",
        verbose_name=_("drop-off point"),
    )
    day = models.DateField(_("date"))
    result = models.CharField(_("result"), max_length=12, choices=Result.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    photo = models.ImageField(_("photo"), upload_to="sorting/checks/%Y/%m/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sorting check")
        verbose_name_plural = _("sorting checks")
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["building", "day"], name="sorting_check_bldg_day")]

    def __str__(self):
        return f"{self.building_id} {self.day} {self.result}"


class BuildingMonth(models.Model):
    """Checks per building and month, kept by check_record/check_delete (the scoreboard reads only this)."""

    neighborhood = models.ForeignKey(Neighborhood, on_delete=models.CASCADE, related_name="+")
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # first day of the month
    good = models.PositiveIntegerField(default=0)
    mixed = models.PositiveIntegerField(default=0)
    contaminated = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["building", "month"], name="sorting_bmonth_unique")
        ]
        indexes = [models.Index(fields=["neighborhood", "month"], name="sorting_bmonth_nb_month")]

    @property
    def total(self):
        return self.good + self.mixed + self.contaminated

    @property
    def score(self):
        """Share of checks well sorted, mixed counting half: 0–100."""
        if not self.total:
            return None
        return round(100 * (self.good + 0.5 * self.mixed) / self.total)
