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
Only public requests are listed; reporters' names, rooms and contact details never are."""

# ruff: noqa: F401  (the package re-exports every name the module had)

from .common import _iso, _jurisdiction, _param, _rows
from .endpoints import (
    _english,
    _service,
    discovery,
    request_detail,
    request_list,
    service_definition,
    service_list,
    token_detail,
)
from .formats import Open311Error, _error, _respond, _xml, _xml_value, open311
from .submit import (
    DEFAULT_PAGE_SIZE,
    FIELDS,
    MAX_DAYS,
    MAX_PAGE_SIZE,
    POSTS_PER_KEY_PER_HOUR,
    _create,
    _date,
    _decimal,
    _int,
    _list,
)

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "FIELDS",
    "MAX_DAYS",
    "MAX_PAGE_SIZE",
    "Open311Error",
    "POSTS_PER_KEY_PER_HOUR",
    "discovery",
    "open311",
    "request_detail",
    "request_list",
    "service_definition",
    "service_list",
    "token_detail",
]
