"""The click report editors read in the admin: per day, per offer, per product, per sending page."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone

from products.models import Offer, OutboundClick

REPORT = "/admin/reports/clicks/"


@pytest.fixture
def clicks(demo):
    offer = Offer.objects.get(slug="facial-gua-sha-tool-amazon")
    today = timezone.now().replace(hour=12)
    article = "/articles/lower-back-pain-acupressure-points/"
    rows = [
        (today, article, False),
        (today, article, False),
        (today, article, True),
        (today - datetime.timedelta(days=1), "", False),
        (today - datetime.timedelta(days=90), article, False),  # outside the default 30 days
    ]
    for when, source, bot in rows:
        click = OutboundClick.objects.create(offer=offer, source_path=source, is_bot=bot)
        OutboundClick.objects.filter(pk=click.pk).update(clicked_at=when)
    return offer


def test_the_report_shows_the_last_30_days_with_people_and_bots_apart(client, admin_user, clicks):
    client.force_login(admin_user)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 by people, 1 by bots" in html
    assert "<svg" in html and "<rect" in html
    # The chart is drawn by the page itself: no script or stylesheet from another host (a CDN).
    assert not re.search(r"<(script|link)\b[^>]*\b(src|href)=\"(https?:)?//", html)
    assert "/articles/lower-back-pain-acupressure-points/" in html
    assert "Facial Gua Sha Tool" in html


def test_a_chosen_date_range_counts_only_clicks_inside_it(client, admin_user, clicks):
    client.force_login(admin_user)
    day = (timezone.now() - datetime.timedelta(days=90)).date().isoformat()
    html = client.get(REPORT, {"start": day, "end": day}).content.decode()
    assert "1 by people, 0 by bots" in html


@pytest.mark.parametrize(
    "query",
    [
        {"start": "yesterday"},
        {"end": "2026-02-31"},
        {"start": "2026-05-01", "end": "2026-04-01"},
        {"start": "1900-01-01", "end": "2026-01-01"},
        {"start": "9" * 5000},
    ],
)
def test_bad_dates_are_a_form_error_not_a_500(client, admin_user, clicks, query):
    client.force_login(admin_user)
    response = client.get(REPORT, query)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()


def test_the_report_downloads_as_csv(client, admin_user, clicks):
    client.force_login(admin_user)
    response = client.get(REPORT, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sum(int(r["human_clicks"]) for r in rows) == 3
    assert sum(int(r["bot_clicks"]) for r in rows) == 1
    assert {r["offer"] for r in rows} == {"facial-gua-sha-tool-amazon"}


def test_the_report_is_under_reports_in_the_menu_and_closed_to_readers(client, admin_user, clicks):
    assert client.get(REPORT).status_code == 302  # to the admin login
    client.force_login(admin_user)
    assert REPORT in client.get("/admin/").content.decode()


@pytest.mark.parametrize("forged", ["//evil.example/x", "/\\evil.example/x", "/\t/evil.example/x"])
def test_a_forged_path_that_names_another_site_is_shown_as_text_not_as_a_link(client, admin_user, demo, forged):
    offer = Offer.objects.first()
    OutboundClick.objects.create(offer=offer, source_path=forged)
    OutboundClick.objects.create(offer=offer, source_path="/points/")
    client.force_login(admin_user)
    html = client.get(REPORT).content.decode()
    assert 'href="/points/"' in html  # a path of ours is still a link
    assert "evil.example" in html and 'href="/' + forged[1:] not in html and 'href="//' not in html
    assert not re.search(r'href="[^"]*evil', html)


@pytest.mark.parametrize("forged", ["http://testserver//evil.example/x", "http://testserver/\\evil.example/x"])
def test_a_same_host_referer_whose_path_names_another_site_is_not_kept(client, demo, forged):
    offer = next(offer for offer in Offer.objects.all() if offer.active)
    assert client.get(f"/go/{offer.slug}/", HTTP_REFERER=forged).status_code == 302
    assert OutboundClick.objects.get(offer=offer).source_path == ""
