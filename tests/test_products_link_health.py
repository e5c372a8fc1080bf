"""`manage.py check_offers`: retailer links are fetched, and an offer failing twice in a row is broken."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command

from products.models import Offer, Product


class Retailer(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/slow"):
            time.sleep(1.5)
        status = 200 if self.path.startswith(("/ok", "/slow")) else 404
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>product</html>")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up waiting, as it should

    def log_message(self, *args):
        pass


@pytest.fixture
def retailer():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Retailer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def offers(demo, retailer):
    Offer.objects.update(active=False)  # keep the demo's real retailer out of it: no outside internet here
    product = Product.objects.get(slug="facial-gua-sha-tool")

    def make(slug, path, **kwargs):
        return Offer.objects.create(
            product=product, slug=slug, retailer="Test shop", label="Buy", url=retailer + path, **kwargs
        )

    return {
        "ok": make("works", "/ok/item"),
        "gone": make("gone", "/gone/item"),
        "slow": make("slow", "/slow/item"),
        "inactive": make("inactive", "/gone/other", active=False),
    }


def run(timeout="0.5"):
    out = StringIO()
    call_command("check_offers", "--timeout", timeout, stdout=out)
    return out.getvalue()


def test_one_failure_is_counted_but_not_yet_broken(offers):
    run()
    gone = Offer.objects.get(slug="gone")
    assert gone.consecutive_failures == 1 and not gone.broken and gone.last_checked_at


def test_two_failures_in_a_row_mark_an_offer_broken_and_a_working_one_stays_healthy(offers):
    run()
    output = run()
    gone, ok = Offer.objects.get(slug="gone"), Offer.objects.get(slug="works")
    assert gone.broken and gone.consecutive_failures == 2
    assert not ok.broken and ok.consecutive_failures == 0 and ok.last_checked_at
    assert "BROKEN  gone" in output and "works" not in output  # healthy offers are not listed


def test_a_retailer_slower_than_the_timeout_counts_as_a_failure(offers):
    run(timeout="0.3")
    assert Offer.objects.get(slug="slow").consecutive_failures == 1


def test_an_unreachable_host_counts_as_a_failure(offers):
    Offer.objects.filter(slug="works").update(url="http://127.0.0.1:9/nothing-listens-here")
    run()
    assert Offer.objects.get(slug="works").consecutive_failures == 1


def test_a_success_clears_the_failures_and_the_broken_mark(offers, retailer):
    Offer.objects.filter(slug="gone").update(consecutive_failures=3, broken=True)
    Offer.objects.filter(slug="gone").update(url=retailer + "/ok/again")
    run()
    gone = Offer.objects.get(slug="gone")
    assert not gone.broken and gone.consecutive_failures == 0


def test_inactive_offers_are_not_fetched(offers):
    run()
    assert Offer.objects.get(slug="inactive").last_checked_at is None
