"""The client's address, as every part of Linli sees it (login throttling, rate limits, audit).

Behind nginx every connection comes from the proxy. `X-Forwarded-For` is believed only when the
connection itself comes from a trusted proxy (`LINLI_TRUSTED_PROXIES`, CIDRs); the header is then
read from the right, skipping further trusted proxies, and the first address that is not one is
the client. A client cannot forge its address by sending the header itself: nginx appends the
real peer (`proxy_add_x_forwarded_for`), and everything left of it is ignored once an untrusted
hop is reached.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]):
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    """The address of the client that sent `request` ("unknown" when there is none)."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    networks = _networks(tuple(settings.LINLI_TRUSTED_PROXIES))
    if not networks or not _trusted(_address(peer), networks):
        return peer or "unknown"
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h for h in forwarded.split(",") if h.strip()]):
        address = _address(hop)
        if address is None:
            break  # a malformed hop: nothing left of it can be believed
        if not _trusted(address, networks):
            return str(address)
    return peer or "unknown"


def axes_client_ip(request) -> str | None:
    """The same address for django-axes, which stores it in an address column: None, not
    "unknown", when there is none (a request built in-process carries no REMOTE_ADDR)."""
    address = client_ip(request)
    return address if _address(address) is not None else None
