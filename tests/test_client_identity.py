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


# ---- IPv6: one subscriber is handed a whole /64, so a /64 is one client --------------------------------


def test_an_ipv6_client_is_its_64_and_an_ipv4_one_its_address(rf):
    from security.client import client_id

    def of(address):
        return client_id(rf.get("/", REMOTE_ADDR=address))

    assert of("2001:db8:1:2::1") == of("2001:db8:1:2:ffff:ffff:ffff:fffe") == "2001:db8:1:2::"
    assert of("2001:db8:1:3::1") != of("2001:db8:1:2::1")
    assert of("198.51.100.7") == "198.51.100.7" != of("198.51.100.8")
    assert of("::ffff:198.51.100.7") == "198.51.100.7"


def test_a_login_lockout_holds_for_every_address_of_an_ipv6_64_and_not_beyond(client, db, settings):
    settings.LOGIN_ATTEMPTS_PER_WINDOW = 3
    for host in range(1, 5):
        last = client.post("/admin/login/", {"username": "x", "password": "y"}, REMOTE_ADDR=f"2001:db8:7:7::{host}")
    assert last.status_code == 429
    again = client.post("/admin/login/", {"username": "x", "password": "y"}, REMOTE_ADDR="2001:db8:7:7:a:b:c:d")
    assert again.status_code == 429
    elsewhere = client.post("/admin/login/", {"username": "x", "password": "y"}, REMOTE_ADDR="2001:db8:7:8::1")
    assert elsewhere.status_code == 200


def test_the_review_limit_counts_an_ipv6_64_as_one_client(client, demo):
    review = {"name": "Wen", "rating": "5", "text": "Smooth edges and a nice weight.", "email": ""}

    def send(address):
        return client.post(
            "/products/facial-gua-sha-tool/reviews/", review, HTTP_ORIGIN="http://testserver", REMOTE_ADDR=address
        )

    for host in range(1, 6):
        assert send(f"2001:db8:9:9::{host}").status_code == 303
    assert send("2001:db8:9:9::6").status_code == 429
    assert send("2001:db8:9:a::1").status_code == 303
