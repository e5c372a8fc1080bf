"""Product cards tell readers when each retailer link was last checked, the same date the link check recorded
(the one the editors' offer list reads), and offer only links whose last check passed."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone

from products.models import Offer, Product

ARTICLE = "/articles/lower-back-pain-acupressure-points/"
PRODUCT = "/products/facial-gua-sha-tool/"


class Retailer(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path.startswith("/ok") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def retailer():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Retailer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def offer(demo, retailer):
    product = Product.objects.get(slug="facial-gua-sha-tool")
    offer = product.offers.get()
    Offer.objects.filter(pk=offer.pk).update(url=retailer + "/ok/tool", last_checked_at=None)
    return offer


def check(retailer_path=None, offer=None):
    if retailer_path:
        url = Offer.objects.get(pk=offer.pk).url.rsplit("/", 2)[0] + retailer_path
        Offer.objects.filter(pk=offer.pk).update(url=url)
    call_command("check_offers", "--timeout", "2", stdout=open("/dev/null", "w"))


def card(client):
    html = client.get(ARTICLE).content.decode()
    start = html.index('class="product-card"')
    return html[start : html.index("</figure>", start) if "</figure>" in html[start:] else None]


def test_a_link_checked_after_the_pages_were_cached_shows_its_date_on_the_card_and_the_product_page(client, offer):
    assert "link not checked yet" in card(client)
    assert "link not checked yet" in client.get(PRODUCT).content.decode()
    check()
    checked = Offer.objects.get(pk=offer.pk).last_checked_at
    shown = f'link checked <time datetime="{timezone.localdate(checked):%Y-%m-%d}">'
    for html in (card(client), client.get(PRODUCT).content.decode()):
        assert shown in html
        assert "not checked yet" not in html


def test_an_offer_whose_last_check_failed_is_no_buy_link_and_comes_back_when_it_passes(client, offer):
    assert f'href="{offer.get_go_url()}"' in card(client)
    check("/gone/tool", offer)
    failed = Offer.objects.get(pk=offer.pk)
    assert failed.consecutive_failures == 1 and not failed.broken  # not yet on the dashboard's broken list
    assert f'href="{offer.get_go_url()}"' not in card(client)
    assert 'class="buy"' not in client.get(PRODUCT).content.decode()
    check("/ok/tool", offer)
    assert f'href="{offer.get_go_url()}"' in card(client)
