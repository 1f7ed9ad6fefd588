"""The production WSGI handler resolves each path once and serves the same answers as Django's."""

import io
import sys

from linli.core import wsgi


def _call(app, path):
    status = {}
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    body = b"".join(app(environ, lambda s, h, e=None: status.setdefault("status", s)))
    return status["status"], body


def test_paths_are_resolved_once_and_unknown_paths_never_kept(db):
    wsgi._resolve.cache_clear()
    app = wsgi.Handler()
    assert _call(app, "/robots.txt")[0].startswith("200")
    assert _call(app, "/robots.txt")[0].startswith("200")
    info = wsgi._resolve.cache_info()
    assert (info.hits, info.currsize) == (1, 1)
    assert _call(app, "/no-such-page/")[0].startswith("404")
    assert _call(app, "/no-such-page/")[0].startswith("404")
    assert wsgi._resolve.cache_info().currsize == 1


def test_a_kept_match_still_carries_the_path_arguments(db):
    from django.test import RequestFactory

    wsgi._resolve.cache_clear()
    app = wsgi.Handler()
    first = app.resolve_request(RequestFactory().get("/forum/t/12/"))
    again = app.resolve_request(RequestFactory().get("/forum/t/12/"))
    other = app.resolve_request(RequestFactory().get("/forum/t/13/"))
    assert (
        first.view_name == "forum:topic-detail"
        and again.kwargs == {"pk": 12}
        and other.kwargs == {"pk": 13}
    )
