"""A session ends everywhere at once: logging out, or changing the password, through one
process is seen by every other process on its next request, without Redis.

Real server processes (each its own memory, like two gunicorn workers) share one database
(a copy of the SQLite test database, or the PostgreSQL test database): under one temporary
var/ directory (two processes of one machine), or under two (two machines, each with its
own page-cache generation).
"""

import json
import re

import pytest

from linli.community.testing import PASSWORD, make_person

from .servers import Browser, Servers, count_rows, server_env, shared_database_url


@pytest.fixture
def database(transactional_db, tmp_path):
    make_person("wang", real_name="王小明", phone="13800001111")
    return shared_database_url(tmp_path)


@pytest.fixture
def two_servers(database, tmp_path):
    """Two processes of one machine (one var/ directory)."""
    env = server_env(tmp_path, database)
    with Servers(env, env) as servers:
        yield servers.ports


@pytest.fixture
def two_nodes(database, tmp_path):
    """Two machines without Redis: one database, each its own var/ (and page-cache generation)."""
    envs = []
    for name in ("node-a", "node-b"):
        (tmp_path / name).mkdir()
        envs.append(server_env(tmp_path / name, database, SECRET_KEY="two-nodes-one-secret"))
    with Servers(*envs) as servers:
        yield servers.ports


def signed_in_on_both(a, b):
    browser = Browser()
    browser.log_in(a, "wang", PASSWORD)
    for port in (a, b):
        status, body = browser.request(port, "GET", "/api/v1/me")
        assert status == 200
        assert json.loads(body)["real_name"] == "王小明"
    return browser


def test_a_logout_through_one_process_ends_the_session_in_the_other_at_once(two_servers):
    a, b = two_servers
    browser = signed_in_on_both(a, b)
    assert browser.request(b, "GET", "/me/")[0] == 200
    stolen = Browser()
    stolen.cookies = dict(browser.cookies)

    assert browser.request(a, "POST", "/accounts/logout/")[0] == 302

    status, body = stolen.request(b, "GET", "/api/v1/me")
    assert status == 401
    assert "王小明".encode() not in body and b"13800001111" not in body
    status, body = stolen.request(b, "GET", "/me/")
    assert status == 302 and b"13800001111" not in body
    assert stolen.request(b, "POST", "/api/v1/notifications/read-all", body="")[0] in (401, 403)
    assert stolen.request(a, "GET", "/api/v1/me")[0] == 401


def test_a_password_change_on_one_machine_ends_other_sessions_on_every_machine(two_nodes):
    a, b = two_nodes
    other_device = signed_in_on_both(a, b)
    browser = signed_in_on_both(a, b)
    token = browser.cookies["csrftoken"]
    status, _ = browser.request(
        a,
        "POST",
        "/accounts/password/",
        form={
            "old_password": PASSWORD,
            "new_password1": "a-new-and-longer-password",
            "new_password2": "a-new-and-longer-password",
            "csrfmiddlewaretoken": token,
        },
    )
    assert status == 302
    assert other_device.request(b, "GET", "/api/v1/me")[0] == 401
    # The person who changed it stays signed in, in every process.
    assert browser.request(b, "GET", "/api/v1/me")[0] == 200


def test_login_failures_through_two_processes_add_up_to_one_lockout(two_servers):
    a, b = two_servers
    browser = Browser()
    for port in (a, b, a, b, a):  # five failures, split between the processes
        status, page = browser.request(port, "GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        status, _ = browser.request(
            port,
            "POST",
            "/accounts/login/",
            form={"username": "wang", "password": "wrong-password", "csrfmiddlewaretoken": token},
        )
        assert status in (200, 429)
    status, page = browser.request(b, "GET", "/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    status, _ = browser.request(
        b,
        "POST",
        "/accounts/login/",
        form={"username": "wang", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert status == 429
    assert "sessionid" not in browser.cookies


@pytest.fixture
def two_servers_with_a_writer(transactional_db, tmp_path):
    from linli.api.actions import token_create
    from linli.community.testing import make_tree

    tree = make_tree("nb", buildings=1, per_building=1)
    writer = make_person("li", tree.buildings[0].homes[0])
    secret = token_create(person=writer, name="app", scope="write")[1]
    url = shared_database_url(tmp_path)
    with Servers(server_env(tmp_path, url), server_env(tmp_path, url)) as servers:
        yield servers.ports, secret, url


def test_one_account_posting_through_two_processes_stores_no_more_than_the_limit(
    two_servers_with_a_writer,
):
    (a, b), secret, url = two_servers_with_a_writer
    browser = Browser()
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    statuses = []
    for i in range(30):
        body = json.dumps(
            {"title": f"第{i}件事：楼道灯 {i}", "body": f"编号 {i * 7919} 的灯不亮了。"}
        )
        status, _ = browser.request(
            (a, b)[i % 2], "POST", "/api/v1/forum/n/nb/topics", body=body, headers=headers
        )
        statuses.append(status)
    assert count_rows(url, "forum_topic") == 20, (
        statuses
    )  # moderation: 20 posts per person per 10 minutes
    assert statuses.count(422) == 10, statuses


@pytest.fixture
def two_servers_with_staff(transactional_db, tmp_path):
    from linli.community.models import Role
    from linli.community.testing import grant, make_tree

    tree = make_tree("nb", buildings=1, per_building=2)
    nb, homes = tree.neighborhood, tree.buildings[0].homes
    grant(make_person("secretary", homes[0]), Role.Kind.SECRETARY, neighborhood=nb)
    staff = grant(make_person("staff", homes[1]), Role.Kind.COMMITTEE_STAFF, neighborhood=nb)
    role = Role.objects.get(person=staff)
    env = server_env(tmp_path, shared_database_url(tmp_path))
    with Servers(env, env) as servers:
        yield servers.ports, role.pk, homes[0].pk


def test_a_role_withdrawn_through_one_process_is_gone_in_the_other_at_once(
    two_servers_with_staff,
):
    (a, b), role_id, household_id = two_servers_with_staff
    secretary, staff = Browser(), Browser()
    secretary.log_in(a, "secretary", PASSWORD)
    staff.log_in(b, "staff", PASSWORD)
    assert json.loads(staff.request(b, "GET", "/api/v1/me")[1])["roles"] != []
    staff.request(b, "GET", "/")  # the CSRF cookie

    status, _ = secretary.request(
        a,
        "POST",
        f"/staff/roles/{role_id}/revoke/",
        form={"csrfmiddlewaretoken": secretary.cookies["csrftoken"]},
    )
    assert status == 302

    assert json.loads(staff.request(b, "GET", "/api/v1/me")[1])["roles"] == []
    status, _ = staff.request(b, "POST", f"/api/v1/households/{household_id}/invitation-code")
    assert status == 403


def test_wrong_invitation_codes_through_two_processes_count_together(two_servers):
    a, b = two_servers
    browser = Browser()
    answers = []
    for i in range(14):
        port = (a, b)[i % 2]
        status, page = browser.request(port, "GET", "/accounts/signup/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        status, page = browser.request(
            port,
            "POST",
            "/accounts/signup/",
            form={
                "code": f"K7QM-4XPD-{i:02d}",
                "username": f"guesser{i}",
                "display_name": "",
                "real_name": "",
                "phone": "",
                "language": "en",
                "password1": "a-long-test-password",
                "password2": "a-long-test-password",
                "csrfmiddlewaretoken": token,
            },
            headers={"Accept-Language": "en"},
        )
        assert status == 200
        answers.append("Too many wrong invitation codes" in page.decode())
    assert answers == [False] * 10 + [True] * 4  # 10 wrong codes per address per hour
