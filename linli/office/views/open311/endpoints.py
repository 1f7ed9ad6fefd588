"""Open311 GeoReport v2 endpoints: discovery, services, requests, tokens."""

import json
import uuid
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from linli.core.pagecache import cached_page
from linli.moderation.selectors import held_q
from linli.office.models import Category, Party, Request

from .common import _jurisdiction, _param, _rows
from .formats import Open311Error, _respond, open311
from .submit import FIELDS, _create, _list


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
    qs = Request.objects.filter(pk=pk, public=True).exclude(held_q(Request))
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
