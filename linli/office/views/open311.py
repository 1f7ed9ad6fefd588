"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2/.

Paths, parameters and the error format follow the specification, so existing Open311
apps can file and follow requests: services.{fmt}, services/{service_code}.{fmt},
requests.{fmt} (GET with service_request_id, service_code, start_date, end_date, status;
POST with api_key), requests/{id}.{fmt}, tokens/{token}.{fmt}, discovery.{fmt}.
`jurisdiction_id` is the neighborhood's short name (optional when there is only one).
Errors are [{"code": 400, "description": "…"}] or <errors><error>…</error></errors>.
Extensions: `page` and `page_size` (1–1000, default 100) on the request list;
`share_phone=true` on POST lets the party handling it see the contact's phone and email
(committee staff always do).
Only public requests are listed; reporters' names, rooms and contact details never are.
"""

import json
import uuid
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from xml.sax.saxutils import escape

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from linli.community.models import Building, Neighborhood
from linli.core import ratelimit
from linli.core.errors import first_message
from linli.core.pagecache import cached_page

from .. import actions
from ..models import Category, Party, Request, RequestPhoto

MAX_DAYS = 90
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100
POSTS_PER_KEY_PER_HOUR = 600


class Open311Error(Exception):
    def __init__(self, status, description):
        super().__init__(description)
        self.status, self.description = status, description


def _xml_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _xml(root, item, rows):
    parts = [f'<?xml version="1.0" encoding="utf-8"?><{root}>']
    for row in rows:
        parts.append(f"<{item}>")
        for key, value in row.items():
            if isinstance(value, list):
                parts.append(
                    f"<{key}>"
                    + "".join(
                        f"<attribute>{''.join(f'<{k}>{_xml_value(v)}</{k}>' for k, v in a.items())}</attribute>"
                        for a in value
                    )
                    + f"</{key}>"
                )
            else:
                parts.append(f"<{key}>{_xml_value(value)}</{key}>")
        parts.append(f"</{item}>")
    parts.append(f"</{root}>")
    return "".join(parts)


def _respond(fmt, rows, root, item, status=200):
    if fmt == "xml":
        return HttpResponse(
            _xml(root, item, rows), content_type="text/xml; charset=utf-8", status=status
        )
    return HttpResponse(
        json.dumps(rows, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
        status=status,
    )


def _error(fmt, status, description):
    return _respond(
        fmt, [{"code": status, "description": str(description)}], "errors", "error", status=status
    )


def open311(view):
    """Turn Open311Error, ValidationError and PermissionDenied into the spec's error format."""

    def wrapped(request, fmt, *args, **kwargs):
        try:
            return view(request, fmt, *args, **kwargs)
        except Open311Error as error:
            return _error(fmt, error.status, error.description)
        except ValidationError as error:
            return _error(fmt, 400, first_message(error))
        except PermissionDenied as error:
            return _error(fmt, 403, str(error) or _("You do not have permission to do this."))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _param(request, name, max_length=2000):
    source = request.POST if request.method == "POST" else request.GET
    value = (source.get(name) or "").replace("\x00", "").strip()
    if len(value) > max_length:
        raise Open311Error(400, _("%(name)s is too long.") % {"name": name})
    return value


def _jurisdiction(request):
    slug = _param(request, "jurisdiction_id", 50)
    if slug:
        neighborhood = Neighborhood.objects.filter(slug=slug).first()
        if neighborhood is None:
            raise Open311Error(404, _("jurisdiction_id %(id)s is not served here.") % {"id": slug})
        return neighborhood
    only = list(Neighborhood.objects.order_by("pk")[:2])
    if len(only) != 1:
        raise Open311Error(
            400, _("jurisdiction_id is required: give the neighborhood's short name.")
        )
    return only[0]


def _service(c: Category, lang_en: bool):
    return {
        "service_code": c.code,
        "service_name": (c.name_en if lang_en and c.name_en else c.name),
        "description": c.description,
        "metadata": False,
        "type": "realtime",
        "keywords": c.group,
        "group": str(Party(c.party).label),
    }


def _english(request):
    from django.utils.translation import get_language

    return (get_language() or "").startswith("en")


@require_http_methods(["GET", "HEAD"])
@open311
def discovery(request, fmt):
    base = request.build_absolute_uri("/open311/v2/")
    row = {
        "changeset": "2026-11-27T00:00:00+08:00",
        "contact": "",
        "key_service": _("Ask the residents' committee for an API key."),
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "type": "production",
                "formats": "application/json,text/xml",
            }
        ],
    }
    if fmt == "xml":
        ep = row["endpoints"][0]
        body = (
            '<?xml version="1.0" encoding="utf-8"?><discovery>'
            f"<changeset>{row['changeset']}</changeset><contact></contact><key_service>{escape(row['key_service'])}</key_service>"
            f"<endpoints><endpoint><specification>{ep['specification']}</specification><url>{escape(ep['url'])}</url><type>production</type>"
            "<formats><format>application/json</format><format>text/xml</format></formats></endpoint></endpoints></discovery>"
        )
        return HttpResponse(body, content_type="text/xml; charset=utf-8")
    return HttpResponse(
        json.dumps(row, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )


@require_http_methods(["GET", "HEAD"])
@open311
def service_list(request, fmt):
    neighborhood = _jurisdiction(request)
    english = _english(request)
    rows = [
        _service(c, english)
        for c in Category.objects.filter(neighborhood=neighborhood, active=True).order_by(
            "sort", "name"
        )
    ]
    return _respond(fmt, rows, "services", "service")


@require_http_methods(["GET", "HEAD"])
@open311
def service_definition(request, fmt, code):
    neighborhood = _jurisdiction(request)
    if not Category.objects.filter(neighborhood=neighborhood, code=code, active=True).exists():
        raise Open311Error(404, _("No service has the code %(code)s.") % {"code": code})
    if fmt == "xml":
        body = f'<?xml version="1.0" encoding="utf-8"?><service_definition><service_code>{escape(code)}</service_code><attributes></attributes></service_definition>'
        return HttpResponse(body, content_type="text/xml; charset=utf-8")
    return HttpResponse(
        json.dumps({"service_code": code, "attributes": []}),
        content_type="application/json; charset=utf-8",
    )


def _iso(dt):
    return timezone.localtime(dt).isoformat(timespec="seconds") if dt else None


def _rows(request, values):
    """Open311 rows from Request.values(); media URLs in one more query."""
    ids = [v["id"] for v in values]
    photos = {}
    for request_id, image in (
        RequestPhoto.objects.filter(request_id__in=ids)
        .order_by("id")
        .values_list("request_id", "image")
    ):
        photos.setdefault(request_id, image)
    media = request.build_absolute_uri("/media/")
    labels = {p.value: str(p.label) for p in Party}
    closed = set(Request.DONE)
    rows = []
    for v in values:
        building = v["building__number"]
        address = " ".join(
            x
            for x in [
                v["building__compound__name"] or "",
                (pgettext("building label", "Building %(number)s") % {"number": building})
                if building
                else "",
                v["place"],
            ]
            if x
        )
        rows.append(
            {
                "service_request_id": v["id"],
                "status": "closed" if v["status"] in closed else "open",
                "status_notes": v["status_note"] or None,
                "service_name": v["category__name"],
                "service_code": v["category__code"],
                "description": v["description"],
                "agency_responsible": labels[v["party"]],
                "service_notice": None,
                "requested_datetime": _iso(v["created_at"]),
                "updated_datetime": _iso(v["updated_at"]),
                "expected_datetime": _iso(v["resolve_due"]) if v["status"] not in closed else None,
                "address": address or None,
                "address_id": v["building_id"],
                "zipcode": None,
                "lat": float(v["lat"]) if v["lat"] is not None else None,
                "long": float(v["long"]) if v["long"] is not None else None,
                "media_url": (media + photos[v["id"]]) if v["id"] in photos else None,
            }
        )
    return rows


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
    qs = Request.objects.filter(neighborhood=neighborhood, public=True)
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


@cached_page
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@open311
def request_list(request, fmt):
    rows = _create(request, fmt) if request.method == "POST" else _list(request)
    return _respond(
        fmt, rows, "service_requests", "request", status=201 if request.method == "POST" else 200
    )


@require_http_methods(["GET", "HEAD"])
@open311
def request_detail(request, fmt, pk):
    pk = int(pk)
    neighborhood = _jurisdiction(request) if _param(request, "jurisdiction_id", 50) else None
    qs = Request.objects.filter(pk=pk, public=True)
    if neighborhood:
        qs = qs.filter(neighborhood=neighborhood)
    values = list(qs.values(*FIELDS)) if pk < 2**63 else []
    if not values:
        raise Open311Error(404, _("No public request has the id %(id)s.") % {"id": pk})
    return _respond(fmt, _rows(request, values), "service_requests", "request")


@require_http_methods(["GET", "HEAD"])
@open311
def token_detail(request, fmt, token):
    try:
        token = uuid.UUID(token)
    except ValueError:
        raise Open311Error(404, _("No request has this token.")) from None
    found = Request.objects.filter(token=token).values_list("pk", flat=True).first()
    if found is None:
        raise Open311Error(404, _("No request has this token."))
    return _respond(
        fmt, [{"service_request_id": found, "token": str(token)}], "service_requests", "request"
    )
