"""Street → Neighborhood → Compound → Building → Household → Resident, and roles.

Building and Household carry their neighborhood's id as well as their parent's: the
permission predicates and the staff lists ask "which neighborhood is this in?" on every
row, and a denormalised id answers without a join. `actions.py` keeps it right.
"""

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Street(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("street")
        verbose_name_plural = _("streets")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Neighborhood(models.Model):
    street = models.ForeignKey(
        Street, on_delete=models.PROTECT, related_name="neighborhoods", verbose_name=_("street")
    )
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    slug = models.SlugField(pgettext_lazy("web address", "short name"), unique=True)
    # Maintained counters (actions.counters_refresh and the verify/sign-up actions).
    household_count = models.PositiveIntegerField(default=0, editable=False)
    resident_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("neighborhood")
        verbose_name_plural = _("neighborhoods")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:neighborhood-detail", args=[self.slug])


class Compound(models.Model):
    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.CASCADE,
        related_name="compounds",
        verbose_name=_("neighborhood"),
    )
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    household_count = models.PositiveIntegerField(default=0, editable=False)
    resident_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("compound")
        verbose_name_plural = _("compounds")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["neighborhood", "name"], name="compound_unique_name")
        ]

    def __str__(self):
        return self.name


class Building(models.Model):
    compound = models.ForeignKey(
        Compound, on_delete=models.CASCADE, related_name="buildings", verbose_name=_("compound")
    )
    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="buildings", editable=False
    )
    number = models.CharField(_("building number"), max_length=20)
    sort_key = models.PositiveIntegerField(default=0, editable=False)
    floors = models.PositiveSmallIntegerField(_("floors"), null=True, blank=True)
    household_count = models.PositiveIntegerField(default=0, editable=False)
    resident_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["compound_id", "sort_key", "number"]
        constraints = [
            models.UniqueConstraint(fields=["compound", "number"], name="building_unique_number")
        ]

    def __str__(self):
        return str(self.label)

    def get_absolute_url(self):
        return reverse("community:building-detail", args=[self.pk])

    @property
    def label(self):
        # "7号楼" / "Bldg 7": what is shown beside a name, never the room.
        return pgettext_lazy("building label", "Building %(number)s") % {"number": self.number}


class Household(models.Model):
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, related_name="households", verbose_name=_("building")
    )
    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.PROTECT, related_name="households", editable=False
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    room = models.CharField(_("room"), max_length=20)
    area = models.DecimalField(_("exclusive floor area (m²)"), max_digits=8, decimal_places=2)
    owner_occupied = models.BooleanField(_("owner-occupied"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        # Natural order: room 101 before 1001 (as text, "1001" < "101").
        ordering = ["building_id", Length("unit"), "unit", Length("room"), "room"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "unit", "room"], name="household_unique_address"
            ),
            models.CheckConstraint(condition=Q(area__gt=0), name="household_area_positive"),
        ]
        indexes = [
            models.Index(
                fields=["neighborhood", "building", "unit", "room"], name="household_nb_addr"
            )
        ]

    def __str__(self):
        return self.address

    @property
    def address(self):
        unit = f"{self.unit}-" if self.unit else ""
        return f"{self.building.number}-{unit}{self.room}"


class Resident(AbstractUser):
    """A person with an account. Linked to a household once verified."""

    class Language(models.TextChoices):
        ZH_HANS = "zh-hans", "简体中文"
        EN = "en", "English"

    display_name = models.CharField(
        _("display name"), max_length=40, blank=True, help_text=_("Shown beside your posts.")
    )
    # A new display name the spam check held: shown to no one but its owner until staff release it.
    display_name_pending = models.CharField(max_length=40, blank=True, editable=False)
    real_name = models.CharField(_("real name"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    household = models.ForeignKey(
        Household,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
        verbose_name=_("household"),
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ZH_HANS
    )
    is_adult = models.BooleanField(_("adult"), default=True)
    skills = models.CharField(
        _("skills"),
        max_length=200,
        blank=True,
        help_text=_("Your fields of expertise, separated by commas (e.g. architect, lawyer)."),
    )
    deleted_at = models.DateTimeField(_("account deleted"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        indexes = [models.Index(fields=["household"], name="resident_household")]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        if self.deleted_at:
            return str(_("former resident"))
        return self.display_name or self.username

    @property
    def is_verified(self):
        return self.verified_at is not None and self.household_id is not None


class Role(models.Model):
    """A role held in a neighborhood (a building leader also for one building; street staff for a street)."""

    class Kind(models.TextChoices):
        BUILDING_LEADER = "building_leader", _("building leader")
        COMMITTEE_STAFF = "committee_staff", _("committee staff")
        SECRETARY = "secretary", _("secretary")
        OWNERS_COMMITTEE = "owners_committee", _("owners' committee member")
        PROPERTY_MANAGER = "property_manager", _("property manager")
        STREET_STAFF = "street_staff", _("street staff")
        STREET_HEAD = "street_head", _("head of the street office")

    person = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person")
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    street = models.ForeignKey(
        Street, null=True, blank=True, on_delete=models.CASCADE, related_name="roles"
    )
    neighborhood = models.ForeignKey(
        Neighborhood, null=True, blank=True, on_delete=models.CASCADE, related_name="roles"
    )
    building = models.ForeignKey(
        Building, null=True, blank=True, on_delete=models.CASCADE, related_name="roles"
    )
    # The owners' committee and the property manager serve one compound (a property management
    # area); empty: every compound of the neighborhood.
    compound = models.ForeignKey(
        Compound,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("compound"),
    )
    granted_by = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_kind",
                condition=(
                    Q(
                        kind__in=["street_staff", "street_head"],
                        street__isnull=False,
                        neighborhood__isnull=True,
                        building__isnull=True,
                    )
                    | Q(
                        kind="building_leader",
                        street__isnull=True,
                        neighborhood__isnull=False,
                        building__isnull=False,
                    )
                    | (
                        Q(
                            kind__in=[
                                "committee_staff",
                                "secretary",
                                "owners_committee",
                                "property_manager",
                            ]
                        )
                        & Q(street__isnull=True, neighborhood__isnull=False, building__isnull=True)
                    )
                )
                # Only the owners' committee and the property manager may serve one compound.
                & (Q(compound__isnull=True) | Q(kind__in=["owners_committee", "property_manager"])),
            ),
            # One row per person, role and scope. Partial constraints rather than nulls_distinct=False,
            # which SQLite cannot enforce.
            models.UniqueConstraint(
                fields=["person", "kind", "street"],
                condition=Q(street__isnull=False),
                name="role_unique_street",
            ),
            models.UniqueConstraint(
                fields=["person", "kind", "neighborhood"],
                condition=Q(street__isnull=True, building__isnull=True, compound__isnull=True),
                name="role_unique_neighborhood",
            ),
            models.UniqueConstraint(
                fields=["person", "kind", "compound"],
                condition=Q(compound__isnull=False),
                name="role_unique_compound",
            ),
            models.UniqueConstraint(
                fields=["person", "kind", "building"],
                condition=Q(building__isnull=False),
                name="role_unique_building",
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.get_kind_display()}"


def hash_code(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def normalize_code(code: str) -> str:
    # Codes are printed in groups ("K7QM-4XPD-2H") and typed from paper: ignore case,
    # spaces and dashes, and read O as 0, I and L as 1 (Crockford base32).
    code = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return code.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


class InvitationCode(models.Model):
    """One household's sign-up code. Only its hash is stored; the code is shown once, on the printed letter."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="invitation_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(Resident, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(pgettext_lazy("time field", "revoked"), null=True, blank=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    used_by = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation code")
        verbose_name_plural = _("invitation codes")
        indexes = [
            models.Index(fields=["household", "revoked_at", "used_at"], name="invitation_household")
        ]

    def __str__(self):
        return f"{self.household_id} · {self.status}"

    @property
    def status(self):
        if self.revoked_at:
            return "revoked"
        if self.used_at:
            return "used"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"


class VerificationRequest(models.Model):
    """An unverified resident asks staff to link them to a household by hand."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", pgettext_lazy("verification", "rejected")

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="verification_requests"
    )
    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="verification_requests"
    )
    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="+", verbose_name=_("building")
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    room = models.CharField(_("room"), max_length=20)
    note = models.CharField(_("note for staff"), max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident"], condition=Q(status="pending"), name="verification_one_pending"
            ),
        ]

    def __str__(self):
        return f"{self.resident} → {self.building_id}/{self.unit}/{self.room}"


class Owner(models.Model):
    """A unit owner (业主) of one compound, recorded apart from residents.

    The owners' assembly (业主大会) of a compound is its owners: a household may have several
    co-owners (OwnerUnit rows), an owner may own several units, and the owner of a let unit
    need not live in the neighborhood at all (`resident` is set only when the owner has an
    account). `identity` is the same text for every unit of one owner (an ID number, or the
    name and phone), so that the register can be imported again without doubling anyone.
    """

    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+", editable=False
    )
    compound = models.ForeignKey(
        Compound, on_delete=models.CASCADE, related_name="owners", verbose_name=_("compound")
    )
    name = models.CharField(_("owner's name"), max_length=60)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    identity = models.CharField(
        _("owner identity"),
        max_length=64,
        help_text=_(
            "The same text for every unit of one owner (for example the owner's ID number)."
        ),
    )
    is_developer = models.BooleanField(_("unsold, held by the developer"), default=False)
    resident = models.ForeignKey(
        Resident,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ownerships",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("owner")
        verbose_name_plural = _("owners")
        ordering = ["compound_id", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["compound", "identity"], name="owner_unique_identity")
        ]
        indexes = [models.Index(fields=["neighborhood", "compound"], name="owner_nb_compound")]

    def __str__(self):
        return self.name


class OwnerUnit(models.Model):
    """One owner's title to one unit (产权): co-owners are several rows of one household."""

    owner = models.ForeignKey(
        Owner, on_delete=models.CASCADE, related_name="units", verbose_name=_("owner")
    )
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="owner_units", verbose_name=_("unit")
    )
    neighborhood = models.ForeignKey(
        Neighborhood, on_delete=models.CASCADE, related_name="+", editable=False
    )
    compound = models.ForeignKey(
        Compound, on_delete=models.CASCADE, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("title to a unit")
        verbose_name_plural = _("titles to units")
        constraints = [
            models.UniqueConstraint(fields=["household", "owner"], name="owner_unit_once")
        ]
        indexes = [models.Index(fields=["compound", "household"], name="owner_unit_compound")]

    def __str__(self):
        return f"{self.owner_id} · {self.household_id}"
