"""Helpers shared by the notify actions."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _


def absolute_url(url: str) -> str:
    """A link as an email must carry it: absolute, on LINLI_SITE_URL."""
    if not url or urlsplit(url).scheme:
        return url
    return settings.LINLI_SITE_URL + ("" if url.startswith("/") else "/") + url


def _footer():
    return [
        "",
        "--",
        _(
            "You can choose which notifications you receive, and how, under Profile → Notifications."
        ),
        absolute_url(reverse("notify:preferences")),
    ]


def _enqueue(delivery_ids):
    from linli.notify.tasks import deliver_emails

    for start in range(0, len(delivery_ids), 200):
        deliver_emails.enqueue(delivery_ids[start : start + 200])
