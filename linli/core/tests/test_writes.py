"""Every write is an action: the watch of linli.core.testing finds the project module that
issued each INSERT, UPDATE or DELETE, and representative flows write only from actions."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from linli.core.testing import watch_writes

pytestmark = pytest.mark.django_db

# Writes outside an action that these flows still make: (module, table). Each is a debt to
# move into its app's actions.py; the list may only shrink (the test fails when one is gone,
# so that it is struck here).
KNOWN = {
    ("linli.moderation.screen", "moderation_fingerprint"),  # text_screen: the post's shingles
}


def _function_in(module_name, source):
    """A function as if defined in the module so named (to watch where a write comes from)."""
    namespace = {"__name__": module_name}
    exec(compile(source, f"<{module_name}>", "exec"), namespace)
    return namespace["run"]


RENAME = """
def run(person, name):
    person.display_name = name
    person.save(update_fields=["display_name"])
"""


def test_a_write_from_a_view_is_caught_with_its_module_and_table(people):
    view = _function_in("linli.forum.views", RENAME)
    with watch_writes() as found:
        view(people["resident"], "改名")
    assert [(m, f, t) for m, f, _line, t in found] == [
        ("linli.forum.views", "run", "community_resident")
    ]


@pytest.mark.parametrize(
    "module",
    ["linli.forum.actions", "linli.office.actions.requests", "linli.forum.demo", "bench.data"],
)
def test_a_write_from_an_action_or_a_loader_is_in_order(people, module):
    with watch_writes() as found:
        _function_in(module, RENAME)(people["resident"], "改名")
    assert found == []


def test_a_model_save_or_the_sql_helpers_count_for_whoever_called_them(people):
    through_sql = _function_in(
        "linli.forum.selectors",
        "from linli.core import sql\n"
        "def run(person, name):\n"
        "    sql.update_row(type(person), person.pk, display_name=name)\n",
    )
    with watch_writes() as found:
        through_sql(people["resident"], "改名")
    assert [m for m, *_ in found] == ["linli.forum.selectors"]


def test_signing_in_writes_only_what_the_framework_owns(people, password):
    client = Client()
    with watch_writes() as found:
        response = client.post("/accounts/login/", {"username": "resident", "password": password})
    assert response.status_code == 302
    assert found == []  # the session, django-axes' log, the last login


def test_representative_flows_write_only_from_actions(people, login, tree):
    """A topic, a reply and a support through the API; notifications read; a token made and
    revoked — each through its page or endpoint."""
    resident, neighbour = login(people["resident"]), Client()
    neighbour.force_login(people["neighbour"])
    api = "/api/v1/forum"
    with watch_writes() as found:
        topic = resident.post(
            f"{api}/n/{tree.neighborhood.slug}/topics",
            {"title": "写在哪里", "body": "正文"},
            content_type="application/json",
        )
        assert topic.status_code == 201, topic.content
        pk = topic.json()["id"]
        assert (
            neighbour.post(
                f"{api}/topics/{pk}/replies", {"body": "回复"}, content_type="application/json"
            ).status_code
            == 201
        )
        assert neighbour.post(f"{api}/topics/{pk}/support").status_code == 200
        assert resident.post("/notifications/read/").status_code == 302
        made = resident.post("/me/tokens/", {"name": "脚本", "scope": "read"})
        assert made.status_code == 200, made.content
        token = get_user_model().objects.get(pk=people["resident"].pk).api_tokens.get()
        assert resident.post(f"/me/tokens/{token.pk}/revoke/").status_code == 302
    assert {(module, table) for module, _f, _line, table in found} == KNOWN
