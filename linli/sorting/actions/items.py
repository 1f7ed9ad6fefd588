"""The sorting guide's items: saved, suggested by residents, decided, deleted, loaded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.models import Neighborhood, Resident
from linli.core import ratelimit
from linli.core.perms import require
from linli.notify.actions import notify
from linli.sorting import guide
from linli.sorting.models import Item, Kind

SUGGESTIONS_PER_DAY = 20


def _clean_item_fields(
    name_zh: str, name_en: str, synonyms: str, kind: str, note: str
) -> tuple[str, str, str, str, str]:
    name_zh, name_en = (name_zh or "").strip(), (name_en or "").strip()
    if not name_zh:
        raise ValidationError({"name_zh": _("Give the item's Chinese name.")})
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose one of the kinds of waste.")})
    synonyms = "|".join(guide.split_synonyms(synonyms))
    return name_zh, name_en, synonyms, kind, (note or "").strip()


@transaction.atomic
def item_save(
    *,
    neighborhood: Neighborhood,
    actor: Resident,
    name_zh: str,
    kind: str,
    name_en: str = "",
    synonyms: str = "",
    note: str = "",
    item: Item | None = None,
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


def item_suggest(
    *,
    neighborhood: Neighborhood,
    person: Resident,
    name_zh: str,
    kind: str = "",
    name_en: str = "",
    note: str = "",
) -> Item:
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
def suggestion_decide(
    *, item: Item, actor: Resident, accept: bool, kind: str | None = None, note: str | None = None
) -> Item:
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
        same_scope = (
            Q(neighborhood=None)
            if item.neighborhood_id is None
            else Q(neighborhood_id=item.neighborhood_id)
        )
        if Item.objects.filter(
            same_scope, name_zh=item.name_zh, status=Item.Status.PUBLISHED
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
            params={"item": item.name_zh, "item_en": item.name_en, "status": item.status},
            url=item.get_absolute_url() if accept else "",
        )
    return item


@transaction.atomic
def item_delete(*, item: Item, actor: Resident) -> None:
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
