"""Open311 submissions: fields parsed and checked, the request created."""

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from linli.community.models import Building
from linli.core import ratelimit
from linli.moderation.selectors import held_q
from linli.office import actions
from linli.office.models import Category, Party, Request

from .common import _jurisdiction, _param, _rows
from .formats import Open311Error

MAX_DAYS = 90


MAX_PAGE_SIZE = 1000


DEFAULT_PAGE_SIZE = 100


POSTS_PER_KEY_PER_HOUR = 600


FIELDS = (
    "id",
    "status",
    "status_note",
    "category__name",
    "category__code",
    "description",
    "party",
    "created_at",
    "updated_at",
    "resolve_due",
    "building_id",
    "building__number",
    "building__compound__name",
    "place",
    "lat",
    "long",
)


def _date(request, name):
    raw = _param(request, name, 40)
    if not raw:
        return None
    value = parse_datetime(raw.replace(" ", "+")) if "T" in raw else None
    if value is None:
        try:
            value = datetime.fromisoformat(raw)
        except ValueError:
            raise Open311Error(
                400,
                _("%(name)s must be a date and time like 2026-11-01T00:00:00+08:00.")
                % {"name": name},
            ) from None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _int(request, name, default, low, high):
    raw = _param(request, name, 12)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise Open311Error(400, _("%(name)s must be a whole number.") % {"name": name}) from None
    if not low <= value <= high:
        raise Open311Error(
            400,
            _("%(name)s must be between %(low)s and %(high)s.")
            % {"name": name, "low": low, "high": high},
        )
    return value


def _list(request):
    neighborhood = _jurisdiction(request)
    qs = Request.objects.filter(neighborhood=neighborhood, public=True).exclude(held_q(Request))
    ids = _param(request, "service_request_id", 2000)
    if ids:
        try:
            wanted = [int(x) for x in ids.split(",") if x.strip()][:MAX_PAGE_SIZE]
        except ValueError:
            raise Open311Error(
                400, _("service_request_id must be numbers separated by commas.")
            ) from None
        if any(not 0 < x < 2**63 for x in wanted):
            raise Open311Error(400, _("service_request_id must be numbers separated by commas."))
        return _rows(
            request, list(qs.filter(pk__in=wanted).order_by("-created_at", "-id").values(*FIELDS))
        )
    codes = [c.strip() for c in _param(request, "service_code", 1000).split(",") if c.strip()]
    if codes:
        qs = qs.filter(category__code__in=codes)
    statuses = {s.strip().lower() for s in _param(request, "status", 40).split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, _("status must be open, closed or both (open,closed)."))
    if statuses == {"open"}:
        qs = qs.filter(status__in=Request.OPEN)
    elif statuses == {"closed"}:
        qs = qs.filter(status__in=Request.DONE)
    start, end = _date(request, "start_date"), _date(request, "end_date")
    if start and end and end < start:
        raise Open311Error(400, _("end_date must be after start_date."))
    if start and end and end - start > timedelta(days=MAX_DAYS):
        raise Open311Error(
            400, _("start_date and end_date may not span more than %(n)s days.") % {"n": MAX_DAYS}
        )
    if not start and not end:
        end = timezone.now()
    if end and not start:
        start = end - timedelta(days=MAX_DAYS)
    if start and not end:
        end = start + timedelta(days=MAX_DAYS)
    qs = qs.filter(created_at__gte=start, created_at__lte=end)
    size = _int(request, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    page = _int(request, "page", 1, 1, 100_000)
    return _rows(
        request,
        list(qs.order_by("-created_at", "-id").values(*FIELDS)[(page - 1) * size : page * size]),
    )


def _decimal(request, name, low, high):
    raw = _param(request, name, 30)
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise Open311Error(400, _("%(name)s must be a number.") % {"name": name}) from None
    if not value.is_finite() or not low <= value <= high:
        raise Open311Error(
            400,
            _("%(name)s must be between %(low)s and %(high)s.")
            % {"name": name, "low": low, "high": high},
        )
    return value.quantize(Decimal("0.000001"))


def _create(request, fmt):
    key = actions.apikey_check(_param(request, "api_key", 200))
    if key is None:
        raise Open311Error(
            403, _("api_key is missing or not valid. Ask the residents' committee for a key.")
        )
    if ratelimit.hit("open311", str(key.pk), window=3600) > POSTS_PER_KEY_PER_HOUR:
        raise Open311Error(429, _("Too many requests from this key. Try again in an hour."))
    slug = _param(request, "jurisdiction_id", 50)
    if slug and slug != key.neighborhood.slug:
        raise Open311Error(
            403, _("This api_key is not valid for jurisdiction_id %(id)s.") % {"id": slug}
        )
    neighborhood = key.neighborhood
    code = _param(request, "service_code", 40)
    if not code:
        raise Open311Error(400, _("service_code is required."))
    category = Category.objects.filter(neighborhood=neighborhood, code=code, active=True).first()
    if category is None:
        raise Open311Error(404, _("No service has the code %(code)s.") % {"code": code})
    lat, long = _decimal(request, "lat", -90, 90), _decimal(request, "long", -180, 180)
    address = _param(request, "address_string", 120)
    address_id = _param(request, "address_id", 20)
    building = None
    if address_id:
        building = (
            Building.objects.filter(neighborhood=neighborhood, pk=int(address_id)).first()
            if address_id.isdigit() and len(address_id) < 19
            else None
        )
        if building is None:
            raise Open311Error(
                400,
                _("address_id %(id)s is not a building of this neighborhood.") % {"id": address_id},
            )
    if (lat is None or long is None) and not address and building is None:
        raise Open311Error(
            400, _("A location is required: lat and long, address_string or address_id.")
        )
    description = _param(request, "description", 4000)
    media = _param(request, "media_url", 500)
    if media:
        description = f"{description}\n\n{media}".strip()
    contact = {
        "name": f"{_param(request, 'first_name', 50)} {_param(request, 'last_name', 50)}".strip(),
        "email": _param(request, "email", 254),
        "phone": _param(request, "phone", 30),
    }
    made = actions.request_submit(
        reporter=None,
        neighborhood=neighborhood,
        category=category,
        description=description,
        building=building,
        place=address,
        lat=lat,
        long=long,
        public=True,
        share_phone=_param(request, "share_phone", 5).lower() in ("true", "1"),
        source=Request.Source.OPEN311,
        contact=contact,
        api_key=key,
    )
    notice = _("Thank you. The %(party)s will accept it within %(hours)s hours.") % {
        "party": Party(category.party).label,
        "hours": category.accept_hours,
    }
    return [
        {
            "service_request_id": made.pk,
            "token": str(made.token),
            "service_notice": notice,
            "account_id": None,
        }
    ]
