"""The street office's overview in `make bench` (figures of every neighborhood of the street)."""

PAGES = [dict(name="street.overview", path=lambda: _overview(), user="street")]


def _overview():
    from django.urls import reverse

    from linli.community.models import Neighborhood

    street_id = (
        Neighborhood.objects.filter(slug="binjiang").values_list("street_id", flat=True).first()
    )
    return reverse("street:overview", args=[street_id]) if street_id else None
