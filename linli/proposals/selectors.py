"""Reads for the proposal pages and API (constant query counts whatever the data size)."""

from django.db.models import QuerySet

from .models import Proposal, ProposalRule, Support

FILTERS = {
    "open": Proposal.Status.OPEN,
    "agenda": Proposal.Status.AGENDA,
    "answered": Proposal.Status.ANSWERED,
}


def proposals_of(neighborhood, status: str = "") -> QuerySet[Proposal]:
    rows = Proposal.objects.filter(neighborhood=neighborhood).select_related("author")
    if status in FILTERS:
        rows = rows.filter(status=FILTERS[status])
    if status == "agenda":
        return rows.order_by("answer_due", "id")
    return rows.order_by("-created_at", "-id")


def proposal_detail(pk: int) -> Proposal:
    return Proposal.objects.select_related("author", "neighborhood", "answered_by").get(pk=pk)


def supported_ids(user, neighborhood_id, proposal_ids) -> set[int]:
    """Which of these proposals (of one neighborhood) the user's household supports (one query,
    none signed out)."""
    household_id = getattr(user, "household_id", None)
    if not getattr(user, "is_authenticated", False) or not household_id or not proposal_ids:
        return set()
    return set(
        Support.objects.filter(
            neighborhood_id=neighborhood_id,
            household_id=household_id,
            proposal_id__in=list(proposal_ids),
        ).values_list("proposal_id", flat=True)
    )


def supporters_of(proposal: Proposal) -> QuerySet[Support]:
    """For committee staff: which households supported, by whom, oldest first (one query)."""
    return (
        Support.objects.filter(neighborhood_id=proposal.neighborhood_id, proposal=proposal)
        .select_related("household__building", "person")
        .order_by("created_at", "id")
    )


def titles_of(neighborhood, ids) -> dict[int, str]:
    """Titles of these proposals of the neighborhood (for the meetings' agenda)."""
    return dict(
        Proposal.objects.filter(neighborhood=neighborhood, pk__in=list(ids)).values_list(
            "pk", "title"
        )
    )


def rule_of(neighborhood) -> ProposalRule:
    """The neighborhood's threshold, or the defaults (unsaved) until the committee sets one."""
    return ProposalRule.objects.filter(neighborhood=neighborhood).first() or ProposalRule(
        neighborhood=neighborhood
    )
