"""Cache-Control lets a shared cache (Varnish) keep public pages, browsers only briefly, and nobody keep
what is personal."""

ARTICLE = "/articles/lower-back-pain-acupressure-points/"


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_a_public_page_may_be_kept_by_a_shared_cache_and_briefly_by_browsers(client, demo, settings):
    settings.HTTP_CACHE_SECONDS, settings.BROWSER_CACHE_SECONDS = 600, 60
    for response in (client.get(ARTICLE), client.get(ARTICLE)):  # a miss, then the app's own page-cache hit
        assert directives(response) == {"public", "max-age=60", "s-maxage=600"}


def test_a_signed_in_editor_gets_private_pages(client, demo, admin_user):
    client.force_login(admin_user)
    assert {"private", "no-cache"} <= directives(client.get(ARTICLE))


def test_the_admin_and_the_counted_redirect_are_never_public(client, demo):
    assert "public" not in client.get("/admin/login/").get("Cache-Control", "")
    from products.models import Offer

    offer = Offer.objects.first()
    assert "public" not in client.get(f"/go/{offer.slug}/").get("Cache-Control", "")


def test_missing_pages_are_not_made_public(client, demo):
    assert "public" not in client.get("/no-such-page/").get("Cache-Control", "")
