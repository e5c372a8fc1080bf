"""One client identity for every limit and hash: X-Forwarded-* is believed only from our own proxies."""

import pytest
from django.test import RequestFactory

from security.client import TrustedProxyMiddleware, client_ip


@pytest.fixture
def rf():
    return RequestFactory()


def request_from(rf, peer, forwarded=None, **extra):
    headers = {"REMOTE_ADDR": peer, **extra}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **headers)


def test_without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says(rf, settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from(rf, "203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_our_proxy_the_client_is_the_rightmost_address_the_proxy_added(rf, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    # The reader sent a forged "1.2.3.4"; our proxy appended the address it really saw.
    assert client_ip(request_from(rf, "127.0.0.1", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_a_chain_of_our_own_proxies_is_skipped(rf, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(request_from(rf, "127.0.0.1", "198.51.100.7, 10.1.2.3")) == "198.51.100.7"


def test_a_malformed_hop_falls_back_to_the_peer(rf, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(request_from(rf, "127.0.0.1", "1.2.3.4, not-an-address")) == "127.0.0.1"


def test_ipv6_clients_are_read_too(rf, settings):
    settings.TRUSTED_PROXIES = ["::1"]
    assert client_ip(request_from(rf, "::1", "2001:db8::5")) == "2001:db8::5"


def test_forwarded_headers_from_a_stranger_are_dropped_before_django_reads_them(rf, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    seen = {}

    def view(request):
        seen.update(proto=request.META.get("HTTP_X_FORWARDED_PROTO"), secure=request.is_secure())
        return None

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    TrustedProxyMiddleware(view)(request_from(rf, "203.0.113.9", HTTP_X_FORWARDED_PROTO="https"))
    assert seen == {"proto": None, "secure": False}
    TrustedProxyMiddleware(view)(request_from(rf, "127.0.0.1", HTTP_X_FORWARDED_PROTO="https"))
    assert seen == {"proto": "https", "secure": True}


def test_the_login_limit_counts_the_client_behind_the_proxy_not_the_proxy(client, db, settings):
    """Ten wrong passwords from one reader behind the proxy must not lock out another reader."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.LOGIN_ATTEMPTS_PER_WINDOW = 3
    for _ in range(4):
        last = client.post(
            "/admin/login/",
            {"username": "x", "password": "y"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    assert last.status_code == 429
    other = client.post(
        "/admin/login/",
        {"username": "x", "password": "y"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert other.status_code == 200
