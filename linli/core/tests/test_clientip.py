import pytest
from django.test import RequestFactory

from linli.core.clientip import client_ip


def request(peer, forwarded=None):
    meta = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.LINLI_TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_from_a_trusted_proxy_the_last_untrusted_hop_is_the_client(settings):
    settings.LINLI_TRUSTED_PROXIES = ["127.0.0.0/8", "10.0.0.0/8"]
    assert client_ip(request("127.0.0.1", "198.51.100.1")) == "198.51.100.1"
    # A client that sends its own header cannot choose its address: nginx appends the real one.
    assert client_ip(request("127.0.0.1", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    # Two proxies in a row (a load balancer, then nginx) are both skipped.
    assert client_ip(request("127.0.0.1", "198.51.100.7, 10.1.2.3")) == "198.51.100.7"


def test_a_connection_not_from_a_trusted_proxy_keeps_its_own_address(settings):
    settings.LINLI_TRUSTED_PROXIES = ["127.0.0.0/8"]
    assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "127.0.0.2"])
def test_a_missing_malformed_or_all_trusted_header_gives_the_proxy(settings, forwarded):
    settings.LINLI_TRUSTED_PROXIES = ["127.0.0.0/8"]
    assert client_ip(request("127.0.0.1", forwarded)) == "127.0.0.1"


def test_ipv6_proxies_and_clients(settings):
    settings.LINLI_TRUSTED_PROXIES = ["::1/128"]
    assert client_ip(request("::1", "2001:db8::5")) == "2001:db8::5"


def test_login_throttling_locks_the_client_behind_the_proxy_not_the_proxy(settings, client, people):
    settings.LINLI_TRUSTED_PROXIES = ["127.0.0.0/8"]
    url = "/accounts/login/"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            url,
            {"username": "resident", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    locked = client.post(
        url,
        {"username": "resident", "password": "wrong"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert locked.status_code == 429
    from linli.community.testing import PASSWORD

    other = client.post(
        url,
        {"username": "resident", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert other.status_code == 302


def test_axes_gets_no_address_rather_than_a_word_it_cannot_store():
    from linli.core.clientip import axes_client_ip

    assert axes_client_ip(RequestFactory().get("/", REMOTE_ADDR="")) is None
    assert axes_client_ip(request("203.0.113.9")) == "203.0.113.9"
