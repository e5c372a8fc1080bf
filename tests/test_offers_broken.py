"""An offer that `check_offers` has marked broken disappears for readers until an editor fixes it."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from products.models import Offer, Product

ARTICLE = "/articles/lower-back-pain-acupressure-points/"
PRODUCT = "/products/facial-gua-sha-tool/"


class DeadRetailer(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def dead_retailer():
    server = ThreadingHTTPServer(("127.0.0.1", 0), DeadRetailer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def two_offers(demo, dead_retailer):
    """The demo product sold at a shop whose page is gone and at one that still sells it (never fetched)."""
    product = Product.objects.get(slug="facial-gua-sha-tool")
    Offer.objects.filter(product=product).update(url=dead_retailer + "/gone", label="Purchase at the gone shop")
    return Offer.objects.create(
        product=product,
        slug="second-shop",
        retailer="Second shop",
        label="Purchase at the second shop",
        url="https://second-shop.example/gua-sha",
        sort_order=1,
    )


def check_twice(second_offer):
    # Only the dead retailer is fetched: the machine has no outside network.
    Offer.objects.filter(pk=second_offer.pk).update(active=False)
    call_command("check_offers", "--timeout", "2", stdout=open("/dev/null", "w"))
    call_command("check_offers", "--timeout", "2", stdout=open("/dev/null", "w"))
    Offer.objects.filter(pk=second_offer.pk).update(active=True)


def test_available_offers_are_the_active_ones_not_marked_broken(demo):
    product = Product.objects.get(slug="facial-gua-sha-tool")
    offer = product.offers.get()
    assert list(Offer.objects.available()) == [offer]
    Offer.objects.filter(pk=offer.pk).update(broken=True)
    assert list(Offer.objects.available()) == []


def test_a_broken_offer_leaves_the_card_and_the_product_page_showing_the_other_offer(client, two_offers):
    # Both pages are in the page cache before the check runs: marking the offer broken must drop them.
    assert "Purchase at the gone shop" in client.get(ARTICLE).content.decode()
    assert "Purchase at the gone shop" in client.get(PRODUCT).content.decode()
    check_twice(two_offers)
    for url in (ARTICLE, PRODUCT):
        html = client.get(url).content.decode()
        assert "Purchase at the gone shop" not in html
        assert "Purchase at the second shop" in html


def test_with_no_working_offer_the_card_shows_no_purchase_button(client, two_offers):
    two_offers.delete()
    client.get(ARTICLE)
    check_twice(Offer(pk=0))
    html = client.get(ARTICLE).content.decode()
    assert 'class="product-card"' in html  # the card itself stays: features and review still help readers
    assert 'class="buy"' not in html
