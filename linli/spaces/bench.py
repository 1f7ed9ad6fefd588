"""Spaces pages in `make bench` (the issue names no figure; the week view is the busiest page)."""

PAGES = [
    dict(name="spaces.week", path=lambda: _room("/spaces/{}/week/"), user="resident"),
    dict(name="spaces.detail", path=lambda: _room("/spaces/{}/"), user="resident"),
]


def _room(pattern):
    from .models import Space

    pk = (
        Space.objects.filter(neighborhood__slug="binjiang", name="一米会客厅")
        .values_list("pk", flat=True)
        .first()
    )
    return pattern.format(pk) if pk else None
