"""What a reader sees at the top of an article before the first step: who wrote it, who reviewed it and
when, when the next review is due, and where the editorial policy is. The JSON-LD says the same."""

import datetime
import json
import re

from articles.models import ArticlePage
from articles.review import months_after
from base.models import EditorialPolicyPage, SiteSettings
from home.models import HomePage

URL = "/articles/lower-back-pain-acupressure-points/"


def page_html(client):
    return client.get(URL).content.decode()


def header(html):
    return re.search(r'<header class="article-header">.*?</header>', html, re.S).group(0)


def graph(html):
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    return next(node for node in data["@graph"] if node["@type"] == "MedicalWebPage")


def test_months_after_keeps_the_day_or_clamps_to_the_months_end():
    assert months_after(datetime.date(2026, 3, 15), 12) == datetime.date(2027, 3, 15)
    assert months_after(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)


def test_the_header_shows_the_authors_byline_linked_to_their_page_above_the_first_step(client, article):
    html = page_html(client)
    top = header(html)
    assert f'rel="author" href="{article.author.url}">{article.author.display_name}</a>' in top
    assert html.index('class="byline"') < html.index('class="routine')


def test_the_review_badge_links_the_reviewer_and_the_policy_and_says_when_the_next_review_is_due(client, article):
    settings = SiteSettings.objects.get()
    settings.review_interval_months = 6
    settings.save()
    article.last_reviewed = datetime.date(2026, 8, 31)
    article.save()  # no new text: the review still covers what readers see
    top = header(page_html(client))
    assert f'class="reviewer-link" href="{article.reviewer.url}"' in top
    assert "Reviewed &amp; Fact-Checked By" in top and '<time datetime="2026-08-31">31 August 2026</time>' in top
    assert 'Next review due <time datetime="2027-02-28">28 February 2027</time>' in top
    policy = EditorialPolicyPage.objects.get()
    assert f'class="policy-link" href="{policy.url}"' in top


def test_an_article_never_reviewed_claims_no_review_date(client, article):
    ArticlePage.objects.filter(pk=article.pk).update(reviewer=None, last_reviewed=None)
    top = header(page_html(client))
    assert "Next review due" not in top and "Fact-Checked" not in top
    assert "By " in top  # the byline stays


def test_json_ld_dates_and_reviewer_agree_with_what_the_page_shows(client, article):
    html = page_html(client)
    node = graph(html)
    top = header(html)
    assert f'<time datetime="{node["lastReviewed"]}">' in re.search(r'class="approved".*?</p>', top, re.S).group(0)
    assert node["reviewedBy"]["url"].endswith(article.reviewer.url) and article.reviewer.display_name in top
    updated = re.search(r'class="updated">Updated <time datetime="([\d-]+)"', top).group(1)
    assert node["dateModified"].startswith(updated)
    assert node["author"]["url"].endswith(article.author.url)


def test_the_editorial_policy_exists_once_says_what_it_covers_and_every_footer_links_to_it(client, demo):
    policy = EditorialPolicyPage.objects.get()
    assert policy.live and policy.get_parent().specific == HomePage.objects.get()
    html = client.get(policy.url).content.decode()
    for heading in ("How we write", "medically reviewed", "Corrections", "How we choose products", "affiliate links"):
        assert heading in html
    for url in ("/", URL, policy.url):
        footer = re.search(r'<footer class="site-footer">.*?</footer>', client.get(url).content.decode(), re.S)
        assert f'href="{policy.url}"' in footer.group(0), url


def test_saving_the_home_page_again_makes_no_second_policy(demo):
    home = HomePage.objects.get()
    home.save_revision().publish()
    assert EditorialPolicyPage.objects.count() == 1
