"""A resident's side of a request: submit, follow, rate, reopen."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import uploads as upload_checks
from linli.core.perms import require
from linli.moderation.screen import anonymous_screened, screened
from linli.notify.actions import notify
from linli.office.actions import stats
from linli.office.models import Request, RequestEvent, RequestFollower, RequestPhoto

from .common import S, _audience, _locked, _party_staff

REOPEN_DAYS = 7


MAX_PHOTOS = 4


MAX_PHOTO_BYTES = 8 * 1024 * 1024


def _clean_photos(photos):
    """Through linli.core.uploads (headers and their cost first, then decoding without EXIF).
    Errors keep the code "photo" the forms and the API know."""
    try:
        return upload_checks.check_images(
            photos, max_count=MAX_PHOTOS, max_side=1600, max_bytes=MAX_PHOTO_BYTES
        )
    except ValidationError as error:
        raise ValidationError(" ".join(error.messages), code="photo") from None


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
    # Spam, mutes and bans; personal data only when the request is public. A held request is
    # not public until staff release it. An Open311 app's anonymous report is scored as a newly
    # verified resident's (the app's key vouches for the app).
    if reporter is not None:
        hold_it = screened(
            author=reporter,
            text=description,
            kind="office.request",
            neighborhood=neighborhood,
            public=public,
        )
    else:
        hold_it = anonymous_screened(
            text=description, kind="office.request", neighborhood=neighborhood
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
        hold_it(request)
        stats.on_submitted(request)
        notify(
            recipients=_party_staff(neighborhood.pk, request.party),
            kind="office.request_new",
            actor=reporter,
            url=reverse("office:request-detail", args=[request.pk]),
            params={
                "number": request.pk,
                "category": category.name,
                "category_en": category.name_en,
            },
        )
    return request


def request_follow(*, request, person) -> bool:
    """“Me too”: follow an open public request. Returns False if already following.

    The request is locked first, so a “me too” and a merge (actions/merge.py) happen one after
    the other: “me too” on a merged request follows the request it was merged into."""
    require(
        person,
        "office.follow_request",
        request,
        _("You can say “me too” to public requests of your own neighborhood."),
    )
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request.pk)
        for _hop in range(10):  # a survivor may itself have been merged on since
            if not request.merged_into_id:
                break
            request = Request.objects.select_for_update().get(pk=request.merged_into_id)
        if request.merged_into_id or not person.has_perm("office.follow_request", request):
            return False
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
                "category_en": request.category.name_en,
                "status": request.status,
                "note": reason[:200],
            },
        )
    return request
