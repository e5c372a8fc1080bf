"""Click counts stay exact when many readers click at once (PostgreSQL, real threads, a live server)."""

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from products.models import Offer, OutboundClick

pytestmark = pytest.mark.postgres

CLICKS = 60


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def postgres_only(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so it proves nothing here")


def test_parallel_clicks_are_each_recorded_exactly_once(postgres_only, live_server, demo):
    offer = Offer.objects.get(slug="facial-gua-sha-tool-amazon")
    opener = urllib.request.build_opener(NoRedirect)
    url = f"{live_server.url}/go/{offer.slug}/"

    def click(i):
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": "Mozilla/5.0 Firefox/140.0" if i % 3 else "Googlebot/2.1",
                "Referer": f"{live_server.url}/articles/lower-back-pain-acupressure-points/",
            },
        )
        try:
            opener.open(request, timeout=30)
        except urllib.error.HTTPError as response:  # the unfollowed 302 arrives as an HTTPError
            return response.code
        return 200

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(click, range(CLICKS)))

    assert statuses == [302] * CLICKS
    clicks = OutboundClick.objects.filter(offer=offer)
    assert clicks.count() == CLICKS
    assert clicks.filter(is_bot=True).count() == CLICKS // 3
    assert set(clicks.values_list("source_path", flat=True)) == {"/articles/lower-back-pain-acupressure-points/"}
