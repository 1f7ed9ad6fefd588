"""Requests (诉求): submit, follow ("me too"), accept → in progress → resolved → closed or
rejected, transfer between the three parties, rate, reopen within 7 days.

Each change is recorded as a RequestEvent, notifies the reporter and the followers, and
keeps the stored monthly figures (stats.py) in the same transaction.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.actions import audit_record
from linli.community.selectors import people_with_role
from linli.core import uploads as upload_checks
from linli.core.perms import require
from linli.moderation.actions import text_check
from linli.notify.actions import notify

from ..models import Category, Party, Request, RequestEvent, RequestFollower, RequestPhoto
from . import stats

S = Request.Status
REOPEN_DAYS = 7
MAX_PHOTOS = 4
MAX_PHOTO_BYTES = 8 * 1024 * 1024
# Which status may follow which (staff moves).
NEXT = {
    S.SUBMITTED: {S.ACCEPTED, S.REJECTED},
    S.ACCEPTED: {S.IN_PROGRESS, S.RESOLVED, S.REJECTED},
    S.IN_PROGRESS: {S.RESOLVED, S.REJECTED},
    S.RESOLVED: {S.CLOSED},
    S.CLOSED: set(),
    S.REJECTED: set(),
}


def _clean_photos(photos):
    """Through linli.core.uploads (headers and their cost first, then decoding without EXIF).
    Errors keep the code "photo" the forms and the API know."""
    try:
        return upload_checks.check_images(
            photos, max_count=MAX_PHOTOS, max_side=1600, max_bytes=MAX_PHOTO_BYTES
        )
    except ValidationError as error:
        raise ValidationError(" ".join(error.messages), code="photo") from None


def _audience(request, actor=None):
    ids = set(RequestFollower.objects.filter(request=request).values_list("person_id", flat=True))
    if request.reporter_id:
        ids.add(request.reporter_id)
    return ids


def _tell(request, actor, *, note=""):
    notify(
        recipients=_audience(request),
        kind="office.request_changed",
        actor=actor,
        url=reverse("office:request-detail", args=[request.pk]),
        params={
            "number": request.pk,
            "category": request.category.name,
            "status": request.status,
            "note": note[:200],
        },
    )


def request_submit(
    *,
    reporter,
    neighborhood,
    category,
    description,
    building=None,
    place="",
    lat=None,
    long=None,
    public=True,
    share_phone=False,
    photos=(),
    source=Request.Source.WEB,
    contact=None,
    api_key=None,
    now=None,
) -> Request:
    """A resident (or an Open311 app, or staff at a reception day) reports a problem.

    The request goes to the category's party, with its service-level due times. Staff of
    that party are notified. `reporter` may be None for an Open311 app's report.
    `share_phone`: the reporter agrees that the party handling it may see their phone.
    """
    if reporter is not None:
        require(
            reporter,
            "office.submit_request",
            neighborhood,
            _("Only verified residents of this neighborhood can send requests."),
        )
    if category.neighborhood_id != neighborhood.pk or not category.active:
        raise ValidationError(_("Choose one of this neighborhood's categories."), code="category")
    if building is not None and building.neighborhood_id != neighborhood.pk:
        raise ValidationError(_("Choose a building of this neighborhood."), code="building")
    description = (description or "").strip()
    if len(description) < 5:
        raise ValidationError(
            _("Describe the problem in a few words (at least 5 characters)."), code="description"
        )
    if len(description) > 2000:
        raise ValidationError(
            _("The description may be at most 2,000 characters."), code="description"
        )
    if (lat is None) != (long is None):
        raise ValidationError(_("Give both latitude and longitude, or neither."), code="location")
    if lat is not None and not (-90 <= lat <= 90 and -180 <= long <= 180):
        raise ValidationError(
            _("Latitude must be between -90 and 90 and longitude between -180 and 180."),
            code="location",
        )
    photos = list(photos or [])
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(_("At most %(n)s photos.") % {"n": MAX_PHOTOS}, code="photo")
    if reporter is not None:  # spam, mutes and bans; personal data only when the request is public
        text_check(
            author=reporter,
            text=description,
            kind="office.request",
            neighborhood=neighborhood,
            public=public,
        )
    cleaned = _clean_photos(photos)  # decoding only after the cheap checks
    now = now or timezone.now()
    contact = contact or {}
    request = Request(
        neighborhood=neighborhood,
        category=category,
        party=category.party,
        reporter=reporter,
        household_id=getattr(reporter, "household_id", None),
        description=description,
        building=building,
        place=(place or "").strip()[:120],
        lat=lat,
        long=long,
        public=public,
        share_phone=bool(share_phone),
        source=source,
        api_key=api_key,
        contact_name=contact.get("name", "")[:100],
        contact_email=contact.get("email", "")[:254],
        contact_phone=contact.get("phone", "")[:30],
        accept_due=now + timedelta(hours=category.accept_hours),
        resolve_due=now + timedelta(hours=category.resolve_hours),
        created_at=now,
        updated_at=now,
    )
    request.full_clean(
        exclude=["reporter", "household", "building", "api_key", "category", "neighborhood"]
    )
    with transaction.atomic():
        request.save()
        for photo in cleaned:
            RequestPhoto.objects.create(request=request, image=photo.content)
        RequestEvent.objects.create(
            request=request,
            actor=reporter,
            kind=RequestEvent.Kind.SUBMITTED,
            to_status=S.SUBMITTED,
            to_party=request.party,
            created_at=now,
        )
        stats.on_submitted(request)
        notify(
            recipients=_party_staff(neighborhood.pk, request.party),
            kind="office.request_new",
            actor=reporter,
            url=reverse("office:request-detail", args=[request.pk]),
            params={"number": request.pk, "category": category.name},
        )
    return request


def _party_staff(neighborhood_id, party):
    kinds = {
        Party.RESIDENTS_COMMITTEE: ["committee_staff", "secretary"],
        Party.OWNERS_COMMITTEE: ["owners_committee"],
        Party.PROPERTY_MANAGER: ["property_manager"],
    }[party]
    return set(people_with_role(*kinds, neighborhood_id=neighborhood_id))


def _locked(request):
    return Request.objects.select_for_update().select_related("category").get(pk=request.pk)


def request_transition(*, request, actor, to, note="") -> Request:
    """Staff move a request on: accepted, in progress, resolved, closed, or rejected (with a reason)."""
    require(
        actor,
        "office.handle_request",
        request,
        _("Only the party responsible for this request can change it."),
    )
    note = (note or "").strip()[:500]
    if to not in S.values:
        raise ValidationError(_("Unknown status."), code="status")
    if to == S.REJECTED and not note:
        raise ValidationError(
            _("Give a reason for rejecting, so the resident knows why."), code="reason"
        )
    with transaction.atomic():
        request = _locked(request)
        if to not in NEXT[request.status]:
            raise ValidationError(
                _("A request that is “%(now)s” cannot become “%(to)s”.")
                % {"now": request.get_status_display(), "to": S(to).label},
                code="status",
            )
        now, before = timezone.now(), request.status
        if to in (S.ACCEPTED, S.IN_PROGRESS, S.RESOLVED) and request.accepted_at is None:
            request.accepted_at = now
            stats.on_accepted(request)
        if to == S.RESOLVED:
            request.resolved_at = now
            stats.on_resolved(request)
        if to in (S.CLOSED, S.REJECTED):
            request.closed_at = now
        request.status, request.status_note, request.updated_at = to, note, now
        request.save()
        RequestEvent.objects.create(
            request=request,
            actor=actor,
            kind=RequestEvent.Kind.STATUS,
            from_status=before,
            to_status=to,
            note=note,
            created_at=now,
        )
        audit_record(
            actor=actor,
            action="office.request_transition",
            target=request,
            subject=request.reporter_id,
            neighborhood=request.neighborhood_id,
            before={"status": before},
            after={"status": to, "note": note},
        )
        _tell(request, actor, note=note)
    return request


def request_transfer(*, request, actor, party, reason) -> Request:
    """Any of the three hands a request to another of them, saying why."""
    require(actor, "office.transfer_request", request)
    reason = (reason or "").strip()[:500]
    if party not in Party.values:
        raise ValidationError(
            _("Choose the residents' committee, the owners' committee or the property manager."),
            code="party",
        )
    if not reason:
        raise ValidationError(_("Say why the request is transferred."), code="reason")
    with transaction.atomic():
        request = _locked(request)
        if not request.is_open:
            raise ValidationError(_("Only an open request can be transferred."), code="status")
        if party == request.party:
            raise ValidationError(_("The request is already with them."), code="party")
        before, now = request.party, timezone.now()
        request.party, request.updated_at = party, now
        request.save(update_fields=["party", "updated_at"])
        RequestEvent.objects.create(
            request=request,
            actor=actor,
            kind=RequestEvent.Kind.TRANSFER,
            from_party=before,
            to_party=party,
            note=reason,
            created_at=now,
        )
        audit_record(
            actor=actor,
            action="office.request_transfer",
            target=request,
            subject=request.reporter_id,
            neighborhood=request.neighborhood_id,
            before={"party": before},
            after={"party": party, "reason": reason},
        )
        notify(
            recipients=_party_staff(request.neighborhood_id, party),
            kind="office.request_new",
            actor=actor,
            url=reverse("office:request-detail", args=[request.pk]),
            params={"number": request.pk, "category": request.category.name},
        )
        _tell(request, actor, note=reason)
    return request


def request_follow(*, request, person) -> bool:
    """“Me too”: follow an open public request. Returns False if already following."""
    require(
        person,
        "office.follow_request",
        request,
        _("You can say “me too” to public requests of your own neighborhood."),
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                RequestFollower.objects.create(request=request, person=person)
        except IntegrityError:
            return False
        Request.objects.filter(pk=request.pk).update(follower_count=F("follower_count") + 1)
    return True


def request_unfollow(*, request, person) -> bool:
    with transaction.atomic():
        deleted, _rows = RequestFollower.objects.filter(request=request, person=person).delete()
        if deleted:
            Request.objects.filter(pk=request.pk, follower_count__gt=0).update(
                follower_count=F("follower_count") - 1
            )
    return bool(deleted)


def request_rate(*, request, person, rating, comment="") -> Request:
    """The reporter rates the outcome (1–5) of a resolved request, which closes it."""
    require(
        person,
        "office.rate_request",
        request,
        _("Only the person who sent the request can rate it."),
    )
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError(_("Rate from 1 to 5 stars."), code="rating")
    with transaction.atomic():
        request = _locked(request)
        if request.status not in (S.RESOLVED, S.CLOSED) or request.resolved_at is None:
            raise ValidationError(_("You can rate a request once it is resolved."), code="status")
        now = timezone.now()
        request.rating, request.rating_comment, request.updated_at = (
            rating,
            (comment or "").strip()[:300],
            now,
        )
        before = request.status
        if request.status == S.RESOLVED:
            request.status, request.closed_at = S.CLOSED, now
        request.save()
        RequestEvent.objects.create(
            request=request,
            actor=person,
            kind=RequestEvent.Kind.RATED,
            from_status=before,
            to_status=request.status,
            note=f"{rating}/5 {request.rating_comment}".strip(),
            created_at=now,
        )
        notify(
            recipients=_party_staff(request.neighborhood_id, request.party),
            kind="office.request_rated",
            actor=person,
            url=reverse("office:request-detail", args=[request.pk]),
            params={"number": request.pk, "rating": rating},
        )
    return request


def request_reopen(*, request, person, reason) -> Request:
    """The reporter reopens a resolved request within 7 days of its resolution."""
    require(
        person,
        "office.reopen_request",
        request,
        _("Only the person who sent the request can reopen it."),
    )
    reason = (reason or "").strip()[:500]
    if not reason:
        raise ValidationError(_("Say what is still wrong."), code="reason")
    with transaction.atomic():
        request = _locked(request)
        if request.status not in (S.RESOLVED, S.CLOSED) or request.resolved_at is None:
            raise ValidationError(_("Only a resolved request can be reopened."), code="status")
        now = timezone.now()
        if now - request.resolved_at > timedelta(days=REOPEN_DAYS):
            raise ValidationError(
                _(
                    "A request can be reopened within %(n)s days of being resolved. Please send a new request."
                )
                % {"n": REOPEN_DAYS},
                code="too_late",
            )
        stats.on_resolved(request, sign=-1)
        before = request.status
        (
            request.status,
            request.resolved_at,
            request.closed_at,
            request.rating,
            request.rating_comment,
        ) = S.IN_PROGRESS, None, None, None, ""
        request.reopen_count, request.status_note, request.updated_at = (
            request.reopen_count + 1,
            reason,
            now,
        )
        request.save()
        RequestEvent.objects.create(
            request=request,
            actor=person,
            kind=RequestEvent.Kind.REOPENED,
            from_status=before,
            to_status=S.IN_PROGRESS,
            note=reason,
            created_at=now,
        )
        notify(
            recipients=_party_staff(request.neighborhood_id, request.party) | _audience(request),
            kind="office.request_changed",
            actor=person,
            url=reverse("office:request-detail", args=[request.pk]),
            params={
                "number": request.pk,
                "category": request.category.name,
                "status": request.status,
                "note": reason[:200],
            },
        )
    return request


def request_close_stale(*, now=None) -> int:
    """Close requests resolved more than 7 days ago that nobody reopened (run daily)."""
    now = now or timezone.now()
    return Request.objects.filter(
        status=S.RESOLVED, resolved_at__lt=now - timedelta(days=REOPEN_DAYS)
    ).update(status=S.CLOSED, closed_at=now, updated_at=now)


@transaction.atomic
def category_save(*, actor, neighborhood, category=None, **fields) -> Category:
    """Create or change a category and its service levels (committee staff)."""
    require(actor, "office.manage_categories", neighborhood)
    if category is not None and category.neighborhood_id != neighborhood.pk:
        raise PermissionDenied(_("You do not have permission to do this."))
    creating = category is None
    category = category or Category(neighborhood=neighborhood)
    before = None if creating else {k: str(getattr(category, k)) for k in fields}
    for key, value in fields.items():
        setattr(category, key, value)
    category.full_clean()
    category.save()
    audit_record(
        actor=actor,
        action="office.category_save",
        target=category,
        neighborhood=neighborhood,
        before=before,
        after={k: str(v) for k, v in fields.items()},
    )
    return category
