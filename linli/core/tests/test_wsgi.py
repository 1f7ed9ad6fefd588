"""The site's routes: the production WSGI handler is Django's own, nothing about a path is kept
between requests, and the first-segment index of `linli.core.registry` resolves every route of
every app exactly as Django's plain includes would."""

import io
import sys

import pytest
from django.test import RequestFactory
from django.urls import get_resolver, include, path, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import RegexPattern, RoutePattern, URLPattern, URLResolver

from linli.core import maintenance, registry, wsgi


@pytest.fixture(autouse=True)
def _serving_lock_released():
    """`wsgi.application()` takes the serving lock for the life of the process, as a gunicorn
    worker does; a test must give it back, or a later `linli restore` in this process refuses."""
    yield
    maintenance.release_serving_lock()


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


def test_the_handler_keeps_no_resolver_cache(db):
    from django.core.handlers.wsgi import WSGIHandler

    assert not hasattr(wsgi, "_resolve")
    assert type(wsgi.application()) is WSGIHandler
    app = wsgi.application()
    assert _call(app, "/robots.txt")[0].startswith("200")
    assert _call(app, "/no-such-page/")[0].startswith("404")


def test_two_requests_to_the_same_path_get_distinct_matches_and_kwargs(db):
    app = wsgi.application()
    first = app.resolve_request(RequestFactory().get("/forum/t/12/"))
    first.kwargs["pk"] = 99  # what a view or a middleware may do to its own request
    again = app.resolve_request(RequestFactory().get("/forum/t/12/"))
    other = app.resolve_request(RequestFactory().get("/forum/t/13/"))
    assert first is not again and first.kwargs is not again.kwargs
    assert first.view_name == again.view_name == "forum:topic-detail"
    assert again.kwargs == {"pk": 12} and other.kwargs == {"pk": 13}


def _sample(pattern):
    """Path arguments that a route accepts, by its converters."""
    if isinstance(pattern, RoutePattern):
        return {
            name: 7 if isinstance(conv, IntConverter) else "x"
            for name, conv in pattern.converters.items()
        }
    return None


def _named_routes(patterns, namespace, prefix_patterns=()):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _named_routes(p.url_patterns, namespace, (*prefix_patterns, p.pattern))
        elif isinstance(p, URLPattern) and p.name:
            kwargs = {}
            for part in (*prefix_patterns, p.pattern):
                sample = _sample(part)
                if sample is None:
                    break
                kwargs.update(sample)
            else:
                yield f"{namespace}:{p.name}", kwargs


def test_every_app_route_resolves_as_with_djangos_plain_includes():
    modules = registry.app_modules("urls")
    plain = URLResolver(
        RegexPattern(r"^/"),
        [path("", include((m.urlpatterns, m.app_name))) for m in modules],
    )
    site = get_resolver()
    checked = 0
    for module in modules:
        for name, kwargs in _named_routes(module.urlpatterns, module.app_name):
            url = reverse(name, kwargs=kwargs)
            ours, theirs = site.resolve(url), plain.resolve(url)
            assert (ours.view_name, ours.kwargs, ours.route) == (
                theirs.view_name,
                theirs.kwargs,
                theirs.route,
            ), url
            checked += 1
    assert checked > 150


@pytest.mark.parametrize("path", ["/volunteers/", "/forum/t/12/", "/staff/n/nb/audit/"])
def test_a_path_is_only_tried_against_apps_that_have_its_first_segment(path):
    site = next(p for p in get_resolver().url_patterns if isinstance(p, registry._SiteRoutes))
    match = get_resolver().resolve(path)
    tried_apps = site._by_head[path.split("/")[1]].url_patterns
    assert match.app_names[0] in {r.app_name for r in tried_apps}
    assert len(tried_apps) < len(site.url_patterns) / 2
