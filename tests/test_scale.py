"""The site grown large: more articles, products and reviews cost no more queries on any page,
and no page lists everything. The large site is built by the same code as `manage.py load_scale`, with
small numbers: every generated article uses BL-40, so its page has more to list than it shows."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, ReferenceIndex

from articles.models import AcupointPage, ArticleIndexPage, ArticlePage
from demo import scale
from seo.sitemaps import PagedSitemap

ARTICLE = "/articles/lower-back-pain-acupressure-points/"
EXTRA_ARTICLES = 60
PAGES = [
    "/", "/articles/", "/articles/?page=5", ARTICLE, "/points/", "/points/bl-40/", "/points/lu-1/",
    "/authors/p-sze/", "/reviewers/mai-sogawa/", "/products/facial-gua-sha-tool/", "/products/",
    "/search/?q=back+pain", "/sitemap.xml", "/sitemap-pages.xml", "/sitemap-products.xml", "/feed/",
]  # fmt: skip


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0


def grow(articles=EXTRA_ARTICLES, products=8, reviews=80):
    scale.build(articles=articles, products=products, reviews=reviews, heavy_every=1, stream=open("/dev/null", "w"))


def query_counts(client, urls):
    """Queries per page once warm: each page is rendered once first (renditions, site root paths, the search
    catalogue), then counted."""
    counts = {}
    for url in urls:
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def listed_under(page_html, heading):
    """The items of the list right after a heading."""
    found = re.search(re.escape(heading) + r"</h2>\s*<ul>(.*?)</ul>", page_html, re.DOTALL)
    assert found, heading
    return re.findall(r"<li>", found.group(1))


def test_every_page_makes_as_many_queries_on_the_large_site_as_on_the_demo(client, demo, uncached):
    small = query_counts(client, PAGES)
    grow()
    large = query_counts(client, PAGES)
    assert {url: (small[url], large[url]) for url in PAGES if large[url] != small[url]} == {}


def test_a_point_used_by_many_articles_lists_ten_and_links_to_the_rest(client, demo, uncached):
    grow()
    page = html(client, "/points/bl-40/")
    assert len(listed_under(page, "Articles that use BL-40")) == 10
    total = EXTRA_ARTICLES + 1  # and the reference article
    assert f'<a href="/articles/?point=bl-40">All {total} articles that use BL-40</a>' in page
    newest = ArticlePage.objects.live().order_by("-first_published_at")[:10]
    assert page.index(newest[0].title) < page.index(newest[9].title)  # newest first


def test_a_point_with_few_articles_lists_them_all_without_a_link(client, demo, uncached):
    page = html(client, "/points/bl-40/")
    assert len(listed_under(page, "Articles that use BL-40")) == 1
    assert "?point=bl-40" not in page


def test_the_link_lists_every_article_that_uses_the_point_a_page_at_a_time(client, demo, uncached):
    grow()
    per_page = ArticleIndexPage.per_page
    first = html(client, "/articles/?point=bl-40")
    assert "<h1>Articles that use BL-40</h1>" in first
    assert first.count('<li class="card">') == per_page
    pages = -(-(EXTRA_ARTICLES + 1) // per_page)
    assert f"Page 1 of {pages}" in first and 'href="?point=bl-40&amp;page=2"' in first
    last = html(client, f"/articles/?point=bl-40&page={pages}")
    assert last.count('<li class="card">') == EXTRA_ARTICLES + 1 - per_page * (pages - 1)
    # A point no article uses has an empty list; a made-up point is a 404, like a made-up topic.
    assert "No articles yet." in html(client, "/articles/?point=lu-1")
    assert client.get("/articles/?point=xx-99").status_code == 404
    assert client.get("/articles/?point=%3Cscript%3E").status_code == 404


def test_the_article_index_shows_one_page_of_cards_and_the_way_to_the_next(client, demo, uncached):
    grow()
    page = html(client, "/articles/?page=5")
    assert page.count('<li class="card">') == ArticleIndexPage.per_page
    assert "Page 5 of" in page and 'rel="next"' in page and 'rel="prev"' in page


def test_a_reviewers_page_lists_a_page_of_what_she_reviewed_and_pages_on(client, demo, uncached):
    grow()
    page = html(client, "/reviewers/mai-sogawa/")
    assert page.count('<span class="review-date">') == 20
    assert "Page 1 of 4" in page and 'href="?page=2"' in page
    assert html(client, "/reviewers/mai-sogawa/?page=4").count('<span class="review-date">') == 1


def test_the_sitemap_is_an_index_of_pages_that_each_hold_at_most_the_limit(
    client, demo, uncached, monkeypatch, sitemap_entries
):
    monkeypatch.setattr(PagedSitemap, "limit", 100)
    grow()
    index = html(client, "/sitemap.xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", index)
    live_pages = Page.objects.live().public().filter(depth__gte=2).count()
    assert len(locations) == -(-live_pages // 100) + 1  # the pages' sitemap in pages of 100, then products
    for location in locations:
        parts = urlsplit(location)
        section = html(client, parts.path + (f"?{parts.query}" if parts.query else ""))
        assert 0 < section.count("<url>") <= 100
    assert len(sitemap_entries()) == live_pages + 9  # every page, the demo's product and the 8 new ones
    assert client.get("/sitemap-pages.xml?p=99").status_code == 404


def test_the_feed_names_only_the_latest_articles(client, demo, uncached):
    grow()
    assert html(client, "/feed/").count("<item>") == 20


def test_the_bulk_loader_leaves_a_sound_page_tree_revisions_references_and_search(demo):
    grow(articles=30)
    assert all(problems == [] for problems in Page.find_problems())
    index = ArticleIndexPage.objects.get()
    assert index.numchild == index.get_children().count() == 31
    generated = ArticlePage.objects.live().exclude(pk=demo.pk)
    assert generated.count() == 30
    article = generated.order_by("-first_published_at").first()
    assert article.live_revision_id == article.latest_revision_id is not None
    assert article.get_latest_revision_as_object().title == article.title
    assert article.review_status == "reviewed"
    assert article.get_parent().specific == index and article.url == f"/articles/{article.slug}/"
    bl40 = AcupointPage.objects.get(code="BL40")
    assert ReferenceIndex.get_references_to(bl40).filter(object_id=str(article.pk)).exists()
    title_word = article.title.split(":")[0].split()[-1]
    assert article.pk in {a.pk for a in ArticlePage.objects.live().search(title_word)}


def test_loading_again_adds_only_what_is_missing(demo):
    grow(articles=10, products=3, reviews=5)
    grow(articles=12, products=3, reviews=5)
    assert ArticlePage.objects.count() == 13
    assert len({a.slug for a in ArticlePage.objects.all()}) == 13


def test_load_scale_refuses_to_build_in_the_database_the_site_runs_on(settings, tmp_path):
    with pytest.raises(CommandError, match="database of its own"):
        call_command("load_scale")
    # As if the site ran on a development SQLite file: that file is refused, by any spelling of its path.
    development = tmp_path / "db.sqlite3"
    settings.DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(development)}}
    for url in (f"sqlite:///{development}", f"sqlite:///{tmp_path}/../{tmp_path.name}/db.sqlite3"):
        with pytest.raises(CommandError, match="database of its own"):
            call_command("load_scale", database_url=url)
    assert not development.exists()
    with pytest.raises(CommandError, match="only for the process load_scale starts"):
        call_command("load_scale", build_here=True)


def test_every_change_purges_every_sitemap_section_the_feed_and_search():
    from tcmtips.urls import SITEMAPS, sitewide_paths

    paths = sitewide_paths()
    assert {f"/sitemap-{name}.xml" for name in SITEMAPS} <= set(paths)
    assert {"/sitemap.xml", "/feed/", "/search/", "/search/suggest/"} <= set(paths)
