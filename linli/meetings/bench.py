"""Meetings pages in `make bench`: the list and the meeting with published minutes."""

PAGES = [
    dict(name="meetings.list", path="/meetings/n/binjiang/", user="resident"),
    dict(name="meetings.detail", path=lambda: _first("/meetings/{}/"), user="resident"),
]


def _first(pattern):
    from .models import Meeting

    pk = (
        Meeting.objects.filter(neighborhood__slug="binjiang")
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return pattern.format(pk) if pk else None
