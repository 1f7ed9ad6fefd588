import pytest

from .factories import declare, skills_for


@pytest.fixture
def skills(tree):
    return skills_for(tree.neighborhood)


@pytest.fixture
def talents(people, skills):
    """neighbour: a landscape designer shown to residents, phone allowed; far_resident: a lawyer for the committee only."""
    return {
        "designer": declare(
            people["neighbour"],
            [skills["景观设计"]],
            visibility="residents",
            contact_allowed=True,
            background="Landscape architect, designed pocket parks.",
            tags="手绘",
            languages="中文, English",
        ),
        "lawyer": declare(
            people["far_resident"],
            [skills["法律"]],
            visibility="committee",
            background="物业纠纷律师",
            help_kinds=("advice", "teaching"),
        ),
    }
