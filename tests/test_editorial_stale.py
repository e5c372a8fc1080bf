"""The dashboard's list of articles due for medical re-review."""

import datetime
import re

import pytest
from django.utils import timezone

from articles.models import ArticlePage
from articles.review import months_before
from base.models import SiteSettings


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (datetime.date(2026, 11, 25), 12, datetime.date(2025, 11, 25)),
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 3, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2026, 1, 15), 18, datetime.date(2024, 7, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def copy_article(article, slug, reviewed):
    copy = article.copy(update_attrs={"slug": slug, "title": f"Article {slug}", "last_reviewed": reviewed})
    copy.save_revision().publish()
    return copy


def dashboard_panel(client, user):
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    match = re.search(r'id="reviews-due-section".*?</section>', html, re.S)
    assert match, "the reviews-due panel is on the dashboard"
    return match.group(0)


def test_dashboard_lists_articles_older_than_the_interval_oldest_first(client, article, editor):
    today = timezone.localdate()
    copy_article(article, "recent", today - datetime.timedelta(days=30))
    copy_article(article, "old", today - datetime.timedelta(days=400))
    copy_article(article, "oldest", today - datetime.timedelta(days=900))
    panel = dashboard_panel(client, editor)
    titles = re.findall(r'<a href="/admin/pages/\d+/edit/">([^<]+)</a>', panel)
    assert titles == ["Article oldest", "Article old"]
    assert "Reviews older than 12 months" in panel


def test_the_interval_comes_from_the_site_settings(client, article, editor):
    copy_article(article, "ten-weeks", timezone.localdate() - datetime.timedelta(weeks=10))
    settings = SiteSettings.objects.get()
    settings.review_interval_months = 2
    settings.save()
    panel = dashboard_panel(client, editor)
    assert "Article ten-weeks" in panel and "Reviews older than 2 months" in panel


def test_a_never_reviewed_article_is_listed_first(client, article, editor):
    copy_article(article, "old", timezone.localdate() - datetime.timedelta(days=800))
    copy_article(article, "never", None)
    titles = re.findall(r'<a href="/admin/pages/\d+/edit/">([^<]+)</a>', dashboard_panel(client, editor))
    assert titles == ["Article never", "Article old"]
    assert "Never reviewed" in dashboard_panel(client, editor)


def test_nothing_due_says_so(client, article, editor):
    assert ArticlePage.objects.live().count() == 1
    assert "Every live article has a review within the interval." in dashboard_panel(client, editor)
