"""The WSGI application `linli serve` runs: Django's own handler.

Path resolution is Django's, on the grouped routes of `linli.core.registry.grouped_urls`;
nothing is kept between requests (see docs/hot-paths.md).
"""

from django.core.handlers.wsgi import WSGIHandler


def application():
    import django

    django.setup(set_prefix=False)
    from . import maintenance

    maintenance.hold_serving_lock()  # `linli restore` refuses while any process holds it
    return WSGIHandler()
