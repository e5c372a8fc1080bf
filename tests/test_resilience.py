"""When things go wrong: Redis down, the database down, someone guessing passwords."""

import logging
from unittest import mock

from django.db import OperationalError

ARTICLE = "/articles/lower-back-pain-acupressure-points/"


def test_pages_still_render_when_redis_is_down(client, demo, redis_down):
    response = client.get(ARTICLE)
    assert response.status_code == 200
    assert b"The Commanding Point of the Lower Back" in response.content


def test_a_redis_that_is_down_is_asked_once_then_left_alone_and_logged_once(caplog):
    from caching.backends import FailOpenRedisCache

    cache = FailOpenRedisCache("redis://127.0.0.1:1/7", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    with caplog.at_level(logging.WARNING, logger="caching.backends"):
        assert cache.get("anything") is None and cache.get_many(["a", "b"]) == {}
        cache.set("a", 1)
        assert cache.add("b", 2) is False
    assert cache.breaker.is_open()  # the next few seconds don't wait on the server at all
    assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 1


def test_a_database_outage_is_a_plain_503_without_a_stack_trace(client, demo):
    with mock.patch("articles.models.ArticlePage.get_context", side_effect=OperationalError("connection refused")):
        response = client.get(ARTICLE)
    assert response.status_code == 503
    assert b"Temporarily unavailable" in response.content
    assert b"Traceback" not in response.content and b"connection refused" not in response.content


def test_the_admin_login_is_rate_limited(client, db, settings):
    settings.LOGIN_ATTEMPTS_PER_WINDOW = 3
    for _ in range(2):
        response = client.post("/admin/login/", {"username": "admin", "password": "wrong"})
        assert response.status_code == 200
    # The third wrong password is the last one checked in this window (see tcmtips.login_limits).
    response = client.post("/admin/login/", {"username": "admin", "password": "wrong"})
    assert response.status_code == 429
    assert "Retry-After" in response


def test_a_site_wide_change_on_an_empty_cache_still_empties_the_page_cache(client, demo):
    """Purging everything works when the cache holds no token yet (a fresh Redis)."""
    from django.core.cache import cache

    from base.models import SiteSettings
    from caching import tokens

    cache.delete(tokens.EVERYTHING)
    client.get(ARTICLE)
    assert client.get(ARTICLE)["X-Page-Cache"] == "hit"
    settings = SiteSettings.for_site(demo.get_site())
    settings.save()
    assert client.get(ARTICLE)["X-Page-Cache"] == "miss"


def test_a_lost_original_image_costs_the_page_its_picture_not_the_page(client, demo, tmp_path, settings):
    """Media restored without its originals (or a file deleted by hand): pages still answer 200."""
    from products.models import Product

    product = Product.objects.get(slug="facial-gua-sha-tool")
    product.image.renditions.all().delete()
    original = product.image.file.name
    product.image.file.name = "original_images/not-there.png"
    product.image.save()
    try:
        response = client.get(product.get_absolute_url())
        assert response.status_code == 200
        assert b"Facial Gua Sha Tool" in response.content
    finally:
        product.image.file.name = original
        product.image.save()


# --- Security: writes while Redis is down are kept, and the limits still hold.
def test_a_review_and_a_click_sent_while_redis_is_down_are_in_the_database(client, demo, redis_down):
    from products.models import Offer, OutboundClick, ProductReview

    offer = Offer.objects.filter(active=True).first()
    clicks = OutboundClick.objects.filter(offer=offer).count()
    assert client.get(f"/go/{offer.slug}/").status_code == 302
    assert OutboundClick.objects.filter(offer=offer).count() == clicks + 1

    product = offer.product
    response = client.post(
        f"/products/{product.slug}/reviews/",
        {"name": "Offline", "email": "o@example.com", "rating": "4", "text": "Sent while the cache was down."},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 303
    assert ProductReview.objects.filter(product=product, name="Offline", approved=False).exists()


def test_the_admin_has_its_own_content_security_policy(client, admin_user):
    client.force_login(admin_user)
    policy = client.get("/admin/")["Content-Security-Policy"]
    for directive in ("frame-ancestors 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"):
        assert directive in policy
