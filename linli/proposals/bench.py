"""Proposals pages in `make bench`: the neighborhood's list and the proposal on the agenda."""

PAGES = [
    dict(name="proposals.list", path="/proposals/n/binjiang/", user="resident"),
    dict(name="proposals.detail", path=lambda: _first("/proposals/{}/"), user="resident"),
]


def _first(pattern):
    from .models import Proposal

    pk = (
        Proposal.objects.filter(neighborhood__slug="binjiang")
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return pattern.format(pk) if pk else None
