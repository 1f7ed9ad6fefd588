"""Every write to the sorting guide, drop-off points, collection days and checks."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.selectors import people_with_role
from linli.core import ratelimit
from linli.core import uploads as upload_checks
from linli.core.perms import require
from linli.notify.actions import notify

from . import guide
from .models import BuildingMonth, Check, CollectionDay, DropOffPoint, Item, Kind, parse_times

SUGGESTIONS_PER_DAY = 20


def _clean_item_fields(name_zh, name_en, synonyms, kind, note):
    name_zh, name_en = (name_zh or "").strip(), (name_en or "").strip()
    if not name_zh:
        raise ValidationError({"name_zh": _("Give the item's Chinese name.")})
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose one of the kinds of waste.")})
    synonyms = "|".join(guide.split_synonyms(synonyms))
    return name_zh, name_en, synonyms, kind, (note or "").strip()


@transaction.atomic
def item_save(
    *, neighborhood, actor, name_zh, kind, name_en="", synonyms="", note="", item=None
) -> Item:
    """Staff add a local item or correct one; correcting a curated item makes a local copy that replaces it here."""
    require(
        actor, "sorting.manage_guide", neighborhood, _("Only committee staff may edit the guide.")
    )
    name_zh, name_en, synonyms, kind, note = _clean_item_fields(
        name_zh, name_en, synonyms, kind, note
    )
    before = None
    if item is not None and item.neighborhood_id == neighborhood.pk:
        before = {"name_zh": item.name_zh, "kind": item.kind, "note": item.note}
    else:
        item = Item(neighborhood=neighborhood, preparation=item.preparation if item else "")
    item.name_zh, item.name_en, item.synonyms, item.kind, item.note = (
        name_zh,
        name_en,
        synonyms,
        kind,
        note,
    )
    item.status = Item.Status.PUBLISHED
    item.decided_by = actor
    item.search_keys = guide.keys_for(name_zh, synonyms)
    item.search_tokens = guide.tokens_for(name_zh, synonyms)
    item.full_clean(
        exclude=["neighborhood", "suggested_by", "decided_by"], validate_constraints=False
    )
    clash = (
        Item.objects.filter(
            neighborhood=neighborhood, name_zh=name_zh, status=Item.Status.PUBLISHED
        )
        .exclude(pk=item.pk)
        .exists()
    )
    if clash:
        raise ValidationError(
            {"name_zh": _("This neighborhood's guide already has an item with this name.")}
        )
    item.save()
    audit_record(
        actor=actor,
        action="sorting.item_save",
        target=item,
        neighborhood=neighborhood,
        before=before,
        after={"name_zh": name_zh, "kind": kind, "note": note},
    )
    transaction.on_commit(guide.bump_version)
    return item


def item_suggest(*, neighborhood, person, name_zh, kind="", name_en="", note="") -> Item:
    """A resident suggests a missing item; staff decide. Kind may be left empty ("I don't know")."""
    require(
        person,
        "sorting.suggest_item",
        neighborhood,
        _("Only verified residents of this neighborhood may suggest items."),
    )
    if ratelimit.exceeded(
        "sorting-suggest", str(person.pk), limit=SUGGESTIONS_PER_DAY, window=86400
    ):
        raise ValidationError(_("You have suggested many items today. Please try again tomorrow."))
    name_zh = (name_zh or "").strip()
    if not name_zh:
        raise ValidationError({"name_zh": _("Give the item's Chinese name.")})
    if kind and kind not in Kind.values:
        raise ValidationError({"kind": _("Choose one of the kinds of waste.")})
    with transaction.atomic():
        if Item.objects.filter(
            neighborhood=neighborhood, name_zh=name_zh, status=Item.Status.SUGGESTED
        ).exists():
            raise ValidationError(
                {"name_zh": _("Someone has already suggested this item; staff will look at it.")}
            )
        item = Item(
            neighborhood=neighborhood,
            name_zh=name_zh,
            name_en=(name_en or "").strip(),
            kind=kind or Kind.DRY,
            note=(note or "").strip(),
            status=Item.Status.SUGGESTED,
            suggested_by=person,
        )
        item.full_clean(
            exclude=["neighborhood", "suggested_by", "decided_by"], validate_constraints=False
        )
        item.save()
    ratelimit.hit("sorting-suggest", str(person.pk), window=86400)
    return item


@transaction.atomic
def suggestion_decide(*, item, actor, accept, kind=None, note=None) -> Item:
    """Staff publish a suggestion (possibly with the right kind) or decline it; the suggester is told."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    require(actor, "sorting.manage_guide", item, _("Only committee staff may edit the guide."))
    if item.status != Item.Status.SUGGESTED:
        raise ValidationError(_("This suggestion has already been decided."))
    if accept:
        if kind is not None:
            if kind not in Kind.values:
                raise ValidationError({"kind": _("Choose one of the kinds of waste.")})
            item.kind = kind
        if note is not None:
            item.note = note.strip()
        if Item.objects.filter(
            neighborhood_id=item.neighborhood_id, name_zh=item.name_zh, status=Item.Status.PUBLISHED
        ).exists():
            raise ValidationError(
                _("The guide already has an item with this name; decline the suggestion instead.")
            )
        item.status = Item.Status.PUBLISHED
        item.search_keys = guide.keys_for(item.name_zh, item.synonyms)
        item.search_tokens = guide.tokens_for(item.name_zh, item.synonyms)
        transaction.on_commit(guide.bump_version)
    else:
        item.status = Item.Status.REJECTED
    item.decided_by = actor
    item.save()
    audit_record(
        actor=actor,
        action="sorting.suggestion_decide",
        target=item,
        subject=item.suggested_by_id,
        neighborhood=item.neighborhood_id,
        after={"status": item.status, "kind": item.kind},
    )
    if item.suggested_by_id:
        notify(
            recipients=[item.suggested_by_id],
            kind="sorting.suggestion_decided",
            actor=actor,
            params={"item": item.name_zh, "status": item.status},
            url=item.get_absolute_url() if accept else "",
        )
    return item


@transaction.atomic
def item_delete(*, item, actor) -> None:
    """Staff remove a local item (curated items stay; a local correction can be removed to restore them)."""
    require(actor, "sorting.manage_guide", item, _("Only committee staff may edit the guide."))
    if item.neighborhood_id is None:
        raise ValidationError(
            _("Items of the shipped list cannot be removed; correct them instead.")
        )
    audit_record(
        actor=actor,
        action="sorting.item_delete",
        target=item,
        neighborhood=item.neighborhood_id,
        before={"name_zh": item.name_zh, "kind": item.kind},
    )
    item.delete()
    transaction.on_commit(guide.bump_version)


def curated_load() -> int:
    """Load data/items.csv into the database (idempotent; used by the data migration and `linli demo`)."""
    existing = set(Item.objects.filter(neighborhood=None).values_list("name_zh", flat=True))
    rows = [
        Item(
            name_zh=r["name_zh"],
            name_en=r["name_en"],
            synonyms=r["synonyms"],
            kind=r["kind"],
            preparation=r["preparation"],
            search_keys=guide.keys_for(r["name_zh"], r["synonyms"]),
            search_tokens=guide.tokens_for(r["name_zh"], r["synonyms"]),
        )
        for r in guide.curated_rows()
        if r["name_zh"] not in existing
    ]
    Item.objects.bulk_create(rows, batch_size=500)
    if rows:
        transaction.on_commit(guide.bump_version)
    return len(rows)


# --- drop-off points and collection days --------------------------------------------


def _clean_times(times):
    try:
        spans = parse_times(times)
    except ValueError as error:
        raise ValidationError(
            {
                "times": _("Write times like 7:00-9:00, 18:00-20:00 (could not read “%(part)s”).")
                % {"part": error.args[0]}
            }
        )
    if not spans:
        raise ValidationError({"times": _("Give at least one drop-off time, like 7:00-9:00.")})
    return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in spans)


@transaction.atomic
def point_save(
    *, compound, actor, name, times, location="", name_en="", kinds=None, buildings=(), point=None
) -> DropOffPoint:
    require(
        actor,
        "sorting.manage_points",
        compound.neighborhood,
        _("Only committee staff may change drop-off points."),
    )
    kinds = [k for k in (kinds or Kind.values) if k in Kind.values and k != Kind.BULKY]
    if not kinds:
        raise ValidationError({"kinds": _("Choose at least one kind of waste.")})
    if any(b.compound_id != compound.pk for b in buildings):
        raise ValidationError(
            {"buildings": _("A drop-off point serves buildings of its own compound.")}
        )
    point = point or DropOffPoint()
    before = {"name": point.name, "times": point.times} if point.pk else None
    point.compound, point.neighborhood_id = compound, compound.neighborhood_id
    point.name, point.name_en, point.location = (
        (name or "").strip(),
        (name_en or "").strip(),
        (location or "").strip(),
    )
    point.times, point.kinds = _clean_times(times), ",".join(kinds)
    point.full_clean(exclude=["buildings"])
    point.save()
    point.buildings.set(buildings)
    audit_record(
        actor=actor,
        action="sorting.point_save",
        target=point,
        neighborhood=compound.neighborhood_id,
        before=before,
        after={"name": point.name, "times": point.times},
    )
    return point


@transaction.atomic
def collection_day_save(
    *, neighborhood, actor, sort, starts_at, ends_at, place, compound=None, note="", day=None
) -> CollectionDay:
    require(
        actor,
        "sorting.manage_points",
        neighborhood,
        _("Only committee staff may change collection days."),
    )
    if compound is not None and compound.neighborhood_id != neighborhood.pk:
        raise ValidationError({"compound": _("Choose a compound of this neighborhood.")})
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    day = day or CollectionDay(neighborhood=neighborhood)
    day.compound, day.sort, day.starts_at, day.ends_at, day.place, day.note = (
        compound,
        sort,
        starts_at,
        ends_at,
        (place or "").strip(),
        (note or "").strip(),
    )
    day.full_clean()
    day.save()
    return day


# --- sorting checks and the scoreboard -----------------------------------------------

RESULT_FIELD = {
    Check.Result.GOOD: "good",
    Check.Result.MIXED: "mixed",
    Check.Result.CONTAMINATED: "contaminated",
}


def month_of(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def check_record(*, building, actor, day, result, point=None, note="", photo=None) -> Check:
    """Record one check and count it in the building's month (a stored counter, race-safe with F())."""
    require(
        actor,
        "sorting.record_check",
        building,
        _("Only committee staff may record sorting checks."),
    )
    if result not in RESULT_FIELD:
        raise ValidationError({"result": _("Choose well sorted, mixed or contaminated.")})
    if point is not None and point.compound_id != building.compound_id:
        raise ValidationError({"point": _("Choose a drop-off point of the building's compound.")})
    from django.utils import timezone

    if day > timezone.localdate():
        raise ValidationError({"day": _("A check cannot be dated in the future.")})
    check = Check(
        neighborhood_id=building.neighborhood_id,
        building=building,
        point=point,
        day=day,
        result=result,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    if photo:  # checked by content, EXIF (GPS) removed, shrunk: linli.core.uploads
        try:
            check.photo = upload_checks.check_image(photo, max_side=1600).content
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from None
    check.full_clean(exclude=["recorded_by"])
    check.save()
    _count(building, day, result, +1)
    audit_record(
        actor=actor,
        action="sorting.check_record",
        target=building,
        neighborhood=building.neighborhood_id,
        after={"day": str(day), "result": result},
    )
    leaders = _leaders_of(building)
    if leaders:
        notify(
            recipients=leaders,
            kind="sorting.check_recorded",
            actor=actor,
            url=f"/sorting/buildings/{building.pk}/",
            params={"building": building.number, "result": result, "day": str(day)},
        )
    return check


def _count(building, day, result, delta):
    field = RESULT_FIELD[result]
    month = month_of(day)
    try:
        with transaction.atomic():
            BuildingMonth.objects.get_or_create(
                building=building,
                month=month,
                defaults={"neighborhood_id": building.neighborhood_id},
            )
    except IntegrityError:
        pass  # created by a concurrent check
    BuildingMonth.objects.filter(building=building, month=month).update(**{field: F(field) + delta})


def _leaders_of(building):
    return people_with_role("building_leader", building=building)


@transaction.atomic
def check_delete(*, check, actor) -> None:
    require(
        actor, "sorting.record_check", check, _("Only committee staff may record sorting checks.")
    )
    check = Check.objects.select_for_update().select_related("building").get(pk=check.pk)
    _count(check.building, check.day, check.result, -1)
    audit_record(
        actor=actor,
        action="sorting.check_delete",
        target=check.building,
        neighborhood=check.neighborhood_id,
        before={"day": str(check.day), "result": check.result},
    )
    check.delete()
