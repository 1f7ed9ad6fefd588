"""The WSGI application `linli serve` runs: Django's, remembering where paths lead.

Every app's routes hang off the site root, so resolving a path walks a few dozen
patterns. The routes never change while the process runs, so the answer for a path is
kept (up to RESOLVED paths; a path that matches nothing is never kept).
"""

from functools import lru_cache

from django.core.handlers.wsgi import WSGIHandler
from django.urls import get_resolver

RESOLVED = 4096


@lru_cache(maxsize=RESOLVED)
def _resolve(resolver, path):
    return resolver.resolve(path)


class Handler(WSGIHandler):
    def resolve_request(self, request):
        if hasattr(request, "urlconf"):  # a middleware chose another urlconf: Django's own way
            return super().resolve_request(request)
        match = _resolve(get_resolver(), request.path_info)
        request.resolver_match = match
        return match


def application():
    import django

    django.setup(set_prefix=False)
    from . import maintenance

    maintenance.hold_serving_lock()  # `linli restore` refuses while any process holds it
    return Handler()
