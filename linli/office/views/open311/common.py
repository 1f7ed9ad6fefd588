"""Limits shared by the Open311 views."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from linli.community.models import Neighborhood
from linli.office.models import Party, Request, RequestPhoto

from .formats import Open311Error


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
