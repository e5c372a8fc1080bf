"""The counted click-through to a retailer."""

from products.models import Offer, OutboundClick

GO = "/go/facial-gua-sha-tool-amazon/"


def test_go_redirects_to_the_stored_url_and_records_one_click(client, demo):
    response = client.get(
        GO,
        HTTP_REFERER="http://testserver/articles/lower-back-pain-acupressure-points/",
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
    )
    assert response.status_code == 302
    assert response["Location"] == Offer.objects.get(slug="facial-gua-sha-tool-amazon").url
    click = OutboundClick.objects.get()
    assert click.source_path == "/articles/lower-back-pain-acupressure-points/"
    assert click.is_bot is False
    assert "127.0.0.1" not in click.client_hash and len(click.client_hash) == 64


def test_go_never_redirects_to_a_url_from_the_request(client, demo):
    response = client.get(GO + "?next=https://evil.example/", HTTP_REFERER="https://evil.example/")
    assert response["Location"].startswith("https://www.amazon.com/")
    assert OutboundClick.objects.get().source_path == ""


def test_head_requests_and_prefetches_are_not_counted(client, demo):
    assert client.head(GO).status_code == 302
    assert client.get(GO, HTTP_SEC_PURPOSE="prefetch").status_code == 302
    assert OutboundClick.objects.count() == 0


def test_a_crawler_is_recorded_as_a_bot(client, demo):
    client.get(GO, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    assert OutboundClick.objects.get().is_bot is True


def test_an_inactive_offer_answers_410_with_a_link_to_the_product(client, demo):
    Offer.objects.filter(slug="facial-gua-sha-tool-amazon").update(active=False)
    response = client.get(GO)
    assert response.status_code == 410
    assert b'href="/products/facial-gua-sha-tool/"' in response.content
    assert OutboundClick.objects.count() == 0


def test_an_unknown_offer_is_404_and_post_is_refused(client, demo):
    assert client.get("/go/nothing-here/").status_code == 404
    assert client.post(GO).status_code == 405
