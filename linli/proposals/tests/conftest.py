import pytest

from linli.proposals import actions


@pytest.fixture
def make_proposal(people, tree):
    def _make(title="楼下加装休闲座椅", author=None, **extra):
        return actions.proposal_create(
            neighborhood=tree.neighborhood,
            author=author or people["resident"],
            title=title,
            body=extra.pop("body", "7号楼门口没有地方坐，老人买菜回来想歇一歇。"),
        )

    return _make


@pytest.fixture
def strict_rule(people, tree):
    """Share 100 % (8 households), or 2 households in each of 2 buildings."""
    return actions.rule_set(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        share_percent=100,
        buildings=2,
        per_building=2,
        answer_days=14,
    )
