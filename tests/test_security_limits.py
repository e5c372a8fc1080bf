"""Every password form is limited per account and address with one set of counters (django-axes, in the
database), and the limits hold while Redis is down; the review limit counts in one atomic step."""

import threading

import pytest
from django.core import mail
from django.db import connections

from products.models import Product, ProductReview

from .test_products_reviews import POST, good_review, send

WRONG = {"username": "boss", "password": "not-the-password"}
RIGHT = {"username": "boss", "password": "a-long-test-password"}


@pytest.fixture
def limit(settings):
    settings.LOGIN_ATTEMPTS_PER_WINDOW = 4
    return 4


def test_the_admin_login_locks_one_account_from_one_address_only(client, admin_user, editor, limit):
    for _ in range(limit - 1):
        assert client.post("/admin/login/", WRONG).status_code == 200
    locked = client.post("/admin/login/", WRONG)
    assert locked.status_code == 429 and int(locked["Retry-After"]) > 0
    # Even the right password waits now…
    assert client.post("/admin/login/", RIGHT).status_code == 429
    assert "_auth_user_id" not in client.session
    # …but another editor on the same address, and the same account from elsewhere, sign in as usual.
    assert client.post("/admin/login/", {"username": "eddie", "password": "a-long-test-password"}).status_code == 302
    client.logout()
    assert client.post("/admin/login/", RIGHT, REMOTE_ADDR="198.51.100.20").status_code == 302


def test_the_username_is_counted_however_it_is_typed(client, admin_user, limit):
    for name in ["boss", "BOSS", " Boss ", "bOss"]:
        client.post("/admin/login/", {**WRONG, "username": name})
    assert client.post("/admin/login/", RIGHT).status_code == 429


def test_wagtails_front_end_login_shares_the_admin_logins_counter(client, admin_user, limit):
    """Thirty wrong passwords on /_util/login/ used to be followed by a successful sign-in."""
    client.post("/admin/login/", WRONG)
    client.post("/admin/login/", WRONG)
    assert client.post("/_util/login/", WRONG).status_code == 200
    assert client.post("/_util/login/", WRONG).status_code == 429
    for _ in range(26):
        assert client.post("/_util/login/", WRONG).status_code == 429
    assert client.post("/_util/login/", RIGHT).status_code == 429
    assert client.post("/admin/login/", RIGHT).status_code == 429


def test_password_reset_requests_count_on_the_same_account(client, admin_user, limit):
    for _ in range(limit - 1):
        assert client.post("/admin/login/", WRONG).status_code == 200
    # The reset form is keyed by e-mail address, and counts against the account that has it.
    response = client.post("/admin/password_reset/", {"email": "BOSS@example.com"})
    assert response.status_code == 429
    assert client.post("/admin/login/", RIGHT).status_code == 429


def test_password_reset_alone_is_limited_too(client, admin_user, limit):
    for _ in range(limit - 1):
        assert client.post("/admin/password_reset/", {"email": "boss@example.com"}).status_code == 302
    assert client.post("/admin/password_reset/", {"email": "boss@example.com"}).status_code == 429
    assert client.post("/admin/password_reset/", {"email": "boss@example.com"}).status_code == 429
    assert len(mail.outbox) == limit
    # An address nobody has is limited the same way, so the answers reveal nothing.
    for _ in range(limit):
        client.post("/admin/password_reset/", {"email": "nobody@example.com"})
    assert client.post("/admin/password_reset/", {"email": "nobody@example.com"}).status_code == 429


def test_a_password_protected_page_limits_wrong_passwords(client, demo, limit):
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=demo, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{demo.pk}/"
    for _ in range(limit - 1):
        assert client.post(url, {"password": "wrong", "return_url": demo.url}).status_code == 200
    assert client.post(url, {"password": "wrong", "return_url": demo.url}).status_code == 429
    assert client.post(url, {"password": "open-sesame", "return_url": demo.url}).status_code == 429
    other = client.post(url, {"password": "open-sesame", "return_url": demo.url}, REMOTE_ADDR="198.51.100.20")
    assert other.status_code == 302


def test_with_redis_down_the_login_limit_still_holds(client, admin_user, limit, redis_down):
    """The counters are database rows: the limit does not depend on the cache at all."""
    for _ in range(limit - 1):
        assert client.post("/admin/login/", WRONG).status_code == 200
    assert client.post("/admin/login/", WRONG).status_code == 429
    assert client.post("/admin/login/", RIGHT).status_code == 429


def test_with_redis_down_the_review_limit_still_holds_and_reviews_are_kept(client, demo, redis_down):
    product = Product.objects.get(slug="facial-gua-sha-tool")
    for i in range(5):
        assert send(client, good_review(name=f"Down {i}")).status_code == 303
    assert send(client, good_review(name="Down 6")).status_code == 429
    assert ProductReview.objects.filter(product=product, name__startswith="Down").count() == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_reviews_cannot_pass_the_limit_together(demo, is_postgres):
    """Twelve posts at once from one address: exactly five get through."""
    if not is_postgres:
        pytest.skip("SQLite serialises every write; the race needs PostgreSQL")
    from django.test import Client

    barrier = threading.Barrier(12)
    codes = []

    def post(i):
        try:
            barrier.wait()
            codes.append(send(Client(), good_review(name=f"Race {i}")).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [303] * 5 + [429] * 7
    assert ProductReview.objects.filter(name__startswith="Race").count() == 5


def test_a_malformed_origin_or_referer_is_a_403_not_a_500(client, demo):
    for header in ({"HTTP_ORIGIN": "http://["}, {"HTTP_REFERER": "https://[zz]/"}, {"HTTP_ORIGIN": "https://[::1"}):
        assert client.post(POST, good_review(), **header).status_code == 403
