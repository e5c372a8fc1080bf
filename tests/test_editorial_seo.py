"""What search engines and share previews read: JSON-LD, meta tags, sitemap, robots and the feed."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from articles.models import ArticlePage

URL = "/articles/lower-back-pain-acupressure-points/"


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def graph_node(data, type_):
    return next(node for node in data["@graph"] if node["@type"] == type_)


@pytest.fixture
def article_html(client, article):
    return client.get(URL).content.decode()


def test_article_is_a_medical_web_page_with_author_reviewer_and_dates(article_html, article):
    data = json_ld(article_html)
    assert data["@context"] == "https://schema.org"
    page = graph_node(data, "MedicalWebPage")
    full_url = article.get_full_url()
    assert page["url"] == full_url and page["@id"] == full_url + "#page"
    assert page["headline"] == article.title
    assert page["description"] == article.search_description
    assert page["image"].startswith("http") and page["image"].endswith(".jpg")
    assert page["datePublished"] == article.first_published_at.isoformat()
    assert page["dateModified"] == article.last_published_at.isoformat()
    assert page["author"]["@type"] == "Person" and page["author"]["name"] == "P. Sze"
    assert page["author"]["url"].endswith("/authors/p-sze/")
    assert page["reviewedBy"] == {
        "@type": "Person",
        "@id": article.reviewer.get_full_url() + "#person",
        "name": "Mai Sogawa",
        "honorificPrefix": "Ms.",
        "jobTitle": "Senior TCM therapist",
        "description": article.reviewer.short_bio,
        "url": article.reviewer.get_full_url(),
        "image": page["reviewedBy"]["image"],
    }
    assert page["lastReviewed"] == article.last_reviewed.isoformat()
    assert page["publisher"]["name"] == "TCM Tips"
    assert "HowTo" not in article_html


def test_article_breadcrumb_runs_home_articles_article(article_html, article):
    crumbs = graph_node(json_ld(article_html), "BreadcrumbList")["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert [c["name"] for c in crumbs] == ["TCM Tips", "Articles", article.title]
    assert crumbs[1]["item"].endswith("/articles/") and crumbs[2]["item"] == article.get_full_url()


def test_an_unreviewed_article_claims_no_review(client, article):
    article.reviewer, article.last_reviewed = None, None
    article.save_revision().publish()
    page = graph_node(json_ld(client.get(URL).content.decode()), "MedicalWebPage")
    assert "reviewedBy" not in page and "lastReviewed" not in page
    assert "Fact-Checked" not in client.get(URL).content.decode()


def test_json_ld_cannot_break_out_of_its_script_element(client, article):
    article.search_description = "Ends here </script><script>alert(1)</script> & more"
    article.save_revision().publish()
    html = client.get(URL).content.decode()
    assert "</script><script>alert(1)" not in html
    page = graph_node(json_ld(html), "MedicalWebPage")
    assert page["description"] == "Ends here </script><script>alert(1)</script> & more"


def test_people_pages_are_profile_pages_with_a_person(client, demo):
    data = json_ld(client.get("/reviewers/mai-sogawa/").content.decode())
    profile = graph_node(data, "ProfilePage")
    assert profile["mainEntity"]["@type"] == "Person"
    assert profile["mainEntity"]["name"] == "Mai Sogawa"
    assert profile["mainEntity"]["honorificPrefix"] == "Ms."
    crumbs = graph_node(data, "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["TCM Tips", "Medical reviewers", "Mai Sogawa"]
    author = graph_node(json_ld(client.get("/authors/p-sze/").content.decode()), "ProfilePage")
    assert author["mainEntity"]["name"] == "P. Sze"


def test_article_meta_tags_canonical_description_open_graph_and_twitter(article_html, article):
    full_url = article.get_full_url()
    assert f'<link rel="canonical" href="{full_url}">' in article_html
    assert f'<meta name="description" content="{article.search_description}">' in article_html
    assert '<meta property="og:type" content="article">' in article_html
    assert f'<meta property="og:url" content="{full_url}">' in article_html
    image = re.search(r'<meta property="og:image" content="([^"]+)">', article_html).group(1)
    assert image.startswith("http") and "fill-1200x630" in image
    assert '<meta name="twitter:card" content="summary_large_image">' in article_html
    assert f'<meta name="twitter:image" content="{image}">' in article_html


def test_meta_description_falls_back_to_the_intro(client, article):
    article.search_description = ""
    article.save_revision().publish()
    html = client.get(URL).content.decode()
    assert '<meta name="description" content="An aching lower back makes it hard to stay active' in html


def test_sitemap_lists_every_live_page_with_lastmod(client, demo, sitemap_entries):
    entries = sitemap_entries()
    article = ArticlePage.objects.get(slug="lower-back-pain-acupressure-points")
    assert article.get_full_url() in entries
    assert any(loc.endswith("/points/bl-40/") for loc in entries)
    assert all(lastmod is not None and re.match(r"\d{4}-\d{2}-\d{2}", lastmod) for lastmod in entries.values())


def test_robots_points_to_the_sitemap(client, demo):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in body and "Disallow: /admin/" in body


def test_feed_lists_the_latest_articles(client, article):
    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.find("title").text == "TCM Tips"
    items = channel.findall("item")
    assert [i.find("title").text for i in items] == [article.title]
    assert items[0].find("link").text == article.get_full_url()
    assert items[0].find("description").text == article.search_description
    assert items[0].find("pubDate") is not None


def test_every_page_links_the_feed(article_html):
    assert 'type="application/rss+xml"' in article_html and 'href="/feed/"' in article_html
