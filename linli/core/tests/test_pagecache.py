"""The page cache: a page is answered from the cache only while nothing it could show has changed."""

import gzip
import os
import subprocess
import sys
import threading

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction

from linli.community.models import Neighborhood
from linli.core import pagecache
from linli.forum import actions as forum
from linli.forum import reads
from linli.forum.models import Topic


@pytest.fixture(autouse=True)
def _no_reads_left_from_other_tests():
    """Reads collect in the process (linli/forum/reads.py) and are flushed every 10 s: reads
    left by earlier tests in this process name topics whose rows were rolled back (and whose
    ids SQLite gives out again), and a flush falling due in the middle of a test here writes
    them. Each test starts with none pending and a fresh flush clock."""
    import time

    with reads._lock:
        reads._pending.clear()
        reads._last_flush = time.monotonic()
    yield


def _get(client, path="/forum/n/nb/", **extra):
    return client.get(path, **extra)


def _warm(client, path="/forum/n/nb/", **extra):
    """Two requests: the first may set the CSRF cookie; the second is kept."""
    _get(client, path, **extra)
    response = _get(client, path, **extra)
    assert response.status_code == 200
    return response


@pytest.fixture
def resident(client, people, login):
    return login(people["resident"])


def test_a_repeated_page_is_answered_from_the_cache_with_one_query(resident, people, tree):
    forum.topic_create(
        author=people["staff"],
        neighborhood=tree.neighborhood,
        title="电梯维修通知",
        body="周三上午",
    )
    first = _warm(resident)
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        again = _get(resident)
    assert again["X-Page-Cache"] == "hit"
    assert len(queries) <= 1  # the session's person; the page itself costs nothing
    assert again.content == first.content
    assert "电梯维修通知" in again.content.decode()


def test_a_write_to_what_the_page_shows_makes_the_next_request_render_anew(resident, people, tree):
    topic = forum.topic_create(
        author=people["staff"],
        neighborhood=tree.neighborhood,
        title="电梯维修通知",
        body="周三上午",
    )
    _warm(resident)
    Topic.objects.filter(pk=topic.pk).update(title="电梯已修好")  # a bulk update sends no signal
    fresh = _get(resident)
    assert fresh.get("X-Page-Cache") is None
    assert "电梯已修好" in fresh.content.decode() and "电梯维修通知" not in fresh.content.decode()


def test_a_raw_sql_write_is_seen_too(resident, people, tree):
    topic = forum.topic_create(
        author=people["staff"], neighborhood=tree.neighborhood, title="旧标题", body="x"
    )
    _warm(resident)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Topic._meta.db_table} SET title = %s WHERE id = %s", ["新标题", topic.pk]
        )
    assert "新标题" in _get(resident).content.decode()


def test_writes_no_page_shows_and_writes_that_change_nothing_keep_the_cache(resident, tree):
    _warm(resident)
    before = pagecache.generation()
    Session.objects.filter(session_key="nobody").update(
        expire_date="2030-01-01 00:00:00+00:00"
    )  # ignored table
    Neighborhood.objects.filter(pk=-1).update(name="x")  # no row changed
    assert pagecache.generation() == before
    assert _get(resident)["X-Page-Cache"] == "hit"
    Neighborhood.objects.filter(pk=tree.neighborhood.pk).update(name="改名")
    assert pagecache.generation() != before


def test_people_languages_and_csrf_cookies_never_share_a_page(client, people, login, tree):
    forum.topic_create(
        author=people["staff"], neighborhood=tree.neighborhood, title="公告", body="x"
    )
    login(people["resident"])
    _warm(client)
    assert _get(client)["X-Page-Cache"] == "hit"

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _get(client)
    assert english.get("X-Page-Cache") is None and english["Content-Language"] == "en"
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]

    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32  # another browser of the same person
    assert _get(client).get("X-Page-Cache") is None

    login(people["neighbour"])
    other = _get(client)
    assert other.get("X-Page-Cache") is None
    assert people["neighbour"].display_name in other.content.decode()


def test_a_page_whose_csrf_token_the_browser_does_not_hold_is_not_kept(client, people, login):
    login(people["resident"])
    first = client.get(
        "/forum/n/nb/"
    )  # no CSRF cookie yet: the page's token comes from a new secret
    assert settings.CSRF_COOKIE_NAME in first.cookies
    fresh = type(client)()
    fresh.force_login(people["resident"], backend="django.contrib.auth.backends.ModelBackend")
    assert fresh.get("/forum/n/nb/").get("X-Page-Cache") is None


def test_flash_messages_errors_and_non_get_requests_are_never_answered_from_the_cache(
    resident, people
):
    _warm(resident)
    session = resident.session
    session["_messages"] = '[["__json_message",0,20,"已保存"]]'
    session.save()
    assert _get(resident).get("X-Page-Cache") is None
    missing = "/forum/t/999999/"
    resident.get(missing)
    assert (
        resident.get(missing).status_code == 404
        and resident.get(missing).get("X-Page-Cache") is None
    )


def test_a_view_that_writes_while_rendering_is_not_kept(rf, people):
    calls = []

    @pagecache.cached_page
    def writes(request):
        calls.append(1)
        Neighborhood.objects.filter(
            pk=people["resident"].household.building.neighborhood_id
        ).update(name=f"n{len(calls)}")
        from django.http import HttpResponse

        return HttpResponse("ok")

    for _ in range(3):
        request = rf.get("/x")
        request.user = people["resident"]
        request.session = {}
        writes(request)
    assert len(calls) == 3


def test_hits_are_gzip_for_browsers_that_accept_it_and_plain_for_others(resident, people, tree):
    forum.topic_create(
        author=people["staff"], neighborhood=tree.neighborhood, title="压缩", body="x"
    )
    plain = _warm(resident)
    hit = _get(resident, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert hit["Content-Encoding"] == "gzip" and "Accept-Encoding" in hit["Vary"]
    # the Accept-Encoding header is not part of the key: the same entry, served both ways
    assert gzip.decompress(hit.content) == plain.content
    assert _get(resident).content == plain.content


def test_reads_of_a_topic_are_counted_on_cache_hits(people, tree, monkeypatch):
    from django.core.cache import cache
    from django.test import Client

    topic = forum.topic_create(
        author=people["staff"], neighborhood=tree.neighborhood, title="读数", body="x"
    )
    reads._pending.clear()
    monkeypatch.setattr(reads, "FLUSH_SECONDS", 3600)
    path = f"/forum/t/{topic.pk}/"
    clients = []
    for name in (
        "resident",
        "neighbour",
        "far_resident",
    ):  # signing in writes; do it before reading
        clients.append(Client())
        clients[-1].force_login(people[name], backend="django.contrib.auth.backends.ModelBackend")
    for c in clients:
        _warm(c, path)
    assert (
        reads.pending(topic.pk) == 3
    )  # once per person and day, whether rendered or answered from the cache
    cache.clear()  # a new day for the read log: the next hit must count again
    assert _get(clients[0], path)["X-Page-Cache"] == "hit"
    assert reads.pending(topic.pk) == 4


@pytest.mark.django_db(transaction=True)
def test_a_write_moves_the_generation_at_once_and_again_at_commit(monkeypatch):
    from linli.community.testing import make_tree

    tree = make_tree("nb")  # real commits: no test transaction around this test
    calls = []
    monkeypatch.setattr(
        pagecache,
        "bump",
        lambda tables=(): calls.append(
            "in transaction" if connection.in_atomic_block else "committed"
        ),
    )
    with transaction.atomic():
        Neighborhood.objects.filter(pk=tree.neighborhood.pk).update(name="一")
        Neighborhood.objects.filter(pk=tree.neighborhood.pk).update(name="二")
        assert calls == ["in transaction", "in transaction"]
    assert calls == [
        "in transaction",
        "in transaction",
        "committed",
    ]  # once per transaction at commit
    Neighborhood.objects.filter(pk=tree.neighborhood.pk).update(
        name="三"
    )  # autocommit: at once, and that is the commit
    assert calls[3:] == ["committed"]


def test_the_generation_file_is_shared_by_processes(tmp_path):
    store = pagecache.FileGeneration(tmp_path / "generation")
    before = store.read()
    code = (
        "import sys; sys.path.insert(0, {!r}); from linli.core.pagecache import FileGeneration; "
        "FileGeneration({!r}).bump()".format(str(settings.BASE_DIR), str(tmp_path / "generation"))
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    after = store.read()
    assert after != before
    store.bump()
    assert store.read() not in (before, after)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_write_committed_by_another_connection_is_seen_at_once(client, login):
    if connection.vendor != "postgresql":
        pytest.skip("another connection to the same test database needs PostgreSQL")
    from linli.community.testing import make_person, make_tree

    tree = make_tree("nb")
    person = make_person("reader", tree.buildings[0].homes[0])
    topic = forum.topic_create(
        author=person, neighborhood=tree.neighborhood, title="第一版", body="x"
    )
    login(person)
    _warm(client)

    def write():
        from django.db import connections

        try:
            with transaction.atomic():
                Topic.objects.filter(pk=topic.pk).update(title="第二版")
        finally:
            connections.close_all()

    thread = threading.Thread(target=write)
    thread.start()
    thread.join()
    assert "第二版" in _get(client).content.decode()


# --- the signed-in person (linli/core/middleware.py, linli/core/sessions.py) --------------


def _queries_for(client, path):
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        response = client.get(path)
    return response, queries


def test_a_page_cache_hit_costs_one_query_the_session_row_with_its_person(resident, tree):
    # Without Redis nothing about who is signed in is kept in a process (a logout elsewhere
    # must count at once): the session row is read, and the person comes with it.
    _warm(resident)
    _get(resident)
    response, queries = _queries_for(resident, "/forum/n/nb/")
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 1
    assert '"django_session"' in queries[0] and '"community_resident"' in queries[0]


def test_a_page_cache_hit_for_nobody_costs_no_query(client, tree):
    _warm(client)
    _get(client)
    response, queries = _queries_for(client, "/forum/n/nb/")
    assert response["X-Page-Cache"] == "hit"
    assert queries == []


def test_a_changed_person_is_loaded_afresh(resident, people):
    _warm(resident, "/me/")
    from linli.community.models import Resident

    Resident.objects.filter(pk=people["resident"].pk).update(display_name="新名字")
    assert "新名字" in resident.get("/me/").content.decode()


def test_a_deactivated_or_re_passworded_person_is_signed_out_at_once(client, people, login, tree):
    from linli.community.models import Resident

    for change in ({"is_active": False}, {"password": "md5$other$0123"}):
        login(people["resident"])
        _warm(client)
        Resident.objects.filter(pk=people["resident"].pk).update(**change)
        response = client.get("/me/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], change
        Resident.objects.filter(pk=people["resident"].pk).update(
            is_active=True, password=people["resident"].password
        )


def test_a_stolen_session_id_without_the_right_hash_gets_nobody(client, people, login, tree):
    login(people["resident"])
    _warm(client)
    session = client.session
    session["_auth_user_hash"] = "forged"
    session.save()
    response = client.get("/me/")
    assert response.status_code == 302


def test_the_generation_file_never_repeats_when_it_starts_afresh(tmp_path, monkeypatch):
    store = pagecache.FileGeneration(tmp_path / "generation")
    monkeypatch.setattr(pagecache.FileGeneration, "ROTATE", 3)
    seen = [int(store.read())]
    for _ in range(12):
        store.bump()
        seen.append(int(store.read()))
    assert seen == sorted(set(seen))  # strictly growing
    assert seen[-1] > pagecache.FileGeneration.JUMP  # it did start afresh
    assert (
        os.stat(tmp_path / "generation").st_blocks * 512 <= 8192
    )  # and holds (almost) nothing on disk


# --- what moves a page on, and what does not --------------------------------------------


def test_a_write_to_data_the_page_does_not_show_keeps_it(resident, people, tree):
    from linli.sorting.models import Item

    _warm(resident)
    assert _get(resident)["X-Page-Cache"] == "hit"
    Item.objects.create(name_zh="旧电池", kind="hazardous", neighborhood=tree.neighborhood)
    assert _get(resident)["X-Page-Cache"] == "hit"  # the forum list reads no guide items


def test_a_new_reply_moves_the_topic_list_on(resident, people, tree):
    topic = forum.topic_create(
        author=people["staff"], neighborhood=tree.neighborhood, title="有回复", body="x"
    )
    _warm(resident)
    forum.reply_create(author=people["neighbour"], topic=topic, body="我也觉得")
    assert _get(resident).get("X-Page-Cache") is None


def test_counters_never_empty_a_page(resident, people, tree):
    topic = forum.topic_create(
        author=people["staff"], neighborhood=tree.neighborhood, title="计数", body="x"
    )
    path = f"/forum/t/{topic.pk}/"
    _warm(resident, path)
    _warm(resident)
    before = pagecache.generation()
    forum.reads_add({topic.pk: 5})  # the read-count flush: reads and hot scores
    Topic.objects.filter(pk=topic.pk).update(support_count=7)
    assert pagecache.generation() == before
    assert _get(resident)["X-Page-Cache"] == "hit"
    assert _get(resident, path)["X-Page-Cache"] == "hit"


def test_a_counter_update_that_also_sets_content_moves_pages_on():
    sql = 'UPDATE "forum_topic" SET "read_count" = 1, "title" = %s WHERE "forum_topic"."id" = %s'
    assert pagecache.written_tables(sql) == ("forum_topic",)
    counters = 'UPDATE "forum_topic" SET "read_count" = ("forum_topic"."read_count" + %s) WHERE "forum_topic"."id" = %s'
    assert pagecache.written_tables(counters) == ()
    assert pagecache.written_tables("VACUUM") is None  # cannot be told: every page moves on


def test_a_role_change_takes_effect_on_the_next_request(client, people, login, tree):
    from linli.community.models import Role
    from linli.community.testing import grant

    login(people["resident"])
    _warm(client, "/")
    assert _get(client, "/")["X-Page-Cache"] == "hit"
    grant(
        people["resident"],
        Role.Kind.BUILDING_LEADER,
        building=people["resident"].household.building,
    )
    assert _get(client, "/").get("X-Page-Cache") is None


def test_a_logout_elsewhere_takes_effect_on_the_next_request(client, people, login, tree):
    login(people["resident"])
    _warm(client)
    page = _get(client)
    assert page["X-Page-Cache"] == "hit"
    assert people["resident"].display_name in page.content.decode()
    Session.objects.all().delete()  # the person signed out in another browser or process
    after = _get(client)
    assert after.get("X-Page-Cache") is None
    assert people["resident"].display_name not in after.content.decode()
    assert client.get("/me/").status_code == 302


def test_a_page_made_from_an_index_in_the_process_depends_on_its_table(rf, people):
    from django.http import HttpResponse

    renders = []

    @pagecache.cached_page
    def from_memory(request):
        renders.append(1)
        pagecache.depends_on("sorting_item")  # no query: the data is in the process
        return HttpResponse("ok")

    def get():
        request = rf.get("/guide-like")
        request.user = people["resident"]
        request.session = {}
        return from_memory(request)

    get()
    get()
    assert len(renders) == 1
    pagecache.bump(("forum_reply",))
    get()
    assert len(renders) == 1
    pagecache.bump(("sorting_item",))
    get()
    assert len(renders) == 2


def test_table_generations_in_the_shared_cache_move_one_table_at_a_time():
    store = pagecache.CacheTables("pages")  # what Redis holds when REDIS_URL is set
    before = store.read(("forum_reply", "decide_ballot"))
    store.bump(("forum_reply",))
    after = store.read(("forum_reply", "decide_ballot"))
    assert after[0] != before[0] and after[1] == before[1]


def test_table_generation_files_move_one_table_at_a_time(tmp_path):
    store = pagecache.FileTables(tmp_path / "tables")
    before = store.read(("forum_reply", "decide_ballot"))
    store.bump(("forum_reply",))
    after = store.read(("forum_reply", "decide_ballot"))
    assert after[0] != before[0] and after[1] == before[1]
