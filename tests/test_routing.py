"""Pages route through Wagtail, with the page types' own ``route()`` (an article, a point, a person in one
query; the home page's children kept under its cache_key): the same page or 404 for every path, the same
view restrictions, and a fresh answer after a site is edited, the home page gets a new slug, a page is
published again or moved, or an image it shows is edited. The page cache names the site a host belongs to
exactly as Wagtail does."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from caching.pagecache import match_site

ARTICLE = "/articles/lower-back-pain-acupressure-points/"
HOSTS = ["example.com", "www.example.com", "localhost", "shop.example.com"]
PORTS = [80, 443, 8000]


@pytest.fixture
def no_page_cache(settings, demo):
    settings.PAGE_CACHE_SECONDS = 0


def wagtails_choice(hostname, port):
    try:
        return get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        return None


@st.composite
def site_tables(draw):
    """Up to five sites on a few hosts and ports, at most one of them the default."""
    rows = draw(
        st.lists(st.tuples(st.sampled_from(HOSTS), st.sampled_from(PORTS)), min_size=0, max_size=5, unique=True)
    )
    default = draw(st.one_of(st.none(), st.integers(0, max(len(rows) - 1, 0))))
    return [(host, port, index == default) for index, (host, port) in enumerate(rows)]


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(table=site_tables(), hostname=st.sampled_from(HOSTS + ["elsewhere.org"]), port=st.sampled_from(PORTS))
def test_the_cached_sites_match_a_host_exactly_as_wagtail_does(table, hostname, port):
    root = Page.objects.get(depth=1)
    Site.objects.all().delete()
    for host, site_port, is_default in table:
        Site.objects.create(hostname=host, port=site_port, is_default_site=is_default, root_page=root)
    sites = list(Site.objects.order_by("pk").values_list("id", "hostname", "port", "is_default_site"))
    found = match_site(sites, hostname, port)
    hosts = [row[1] for row in sites]
    if hosts.count(hostname) > 1 and not any(row[1] == hostname and (row[2] == port or row[3]) for row in sites):
        assert found is None  # several sites on the host and none on this port: not cached, left to Wagtail
    else:
        assert found == wagtails_choice(hostname, port)


def test_an_article_is_found_by_its_index_in_one_query_with_what_its_page_shows(client, no_page_cache):
    client.get(ARTICLE)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(ARTICLE).status_code == 200
    article_reads = [q["sql"] for q in captured if 'FROM "articles_articlepage"' in q["sql"]]
    assert len(article_reads) == 1
    assert '"authors_authorpage"' in article_reads[0] and '"wagtailimages_image"' in article_reads[0]


def test_a_url_that_names_no_page_is_a_404_and_a_shop_category_still_resolves(client, no_page_cache):
    assert client.get("/articles/no-such-article/").status_code == 404
    assert client.get("/articles/lower-back-pain-acupressure-points/extra/").status_code == 404
    assert client.get("/products/").status_code == 200  # a routable page, its list at its own address
    assert client.get("/products/category/no-such-category/").status_code == 404


def test_a_draft_page_is_not_served(client, no_page_cache, demo):
    demo.unpublish()
    assert client.get(ARTICLE).status_code == 404


def test_a_private_section_keeps_its_articles_private(client, no_page_cache, demo):
    section = demo.get_parent()
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Editors")])
    response = client.get(ARTICLE)
    assert response.status_code == 302 and "/_util/login/" in response["Location"]


def test_a_password_protected_page_still_asks_for_its_password(client, no_page_cache, demo):
    PageViewRestriction.objects.create(page=demo, restriction_type=PageViewRestriction.PASSWORD, password="sesame")
    response = client.get(ARTICLE)
    assert response.status_code == 200 and b'name="password"' in response.content


def test_a_new_host_name_for_the_site_is_seen_on_the_next_request(client, no_page_cache):
    assert client.get(ARTICLE, HTTP_HOST="localhost").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.hostname = "127.0.0.1"
    site.save()
    assert client.get(ARTICLE, HTTP_HOST="127.0.0.1").status_code == 200
    assert client.get(ARTICLE, HTTP_HOST="localhost").status_code == 404  # no site answers that host now


def test_a_home_page_given_a_new_slug_is_still_served(client, no_page_cache):
    assert client.get(ARTICLE).status_code == 200
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.slug = "start"
    home.save_revision().publish()
    assert client.get(ARTICLE).status_code == 200
    assert client.get("/").status_code == 200


def test_a_page_published_again_is_served_in_its_new_version_at_once(client, no_page_cache, demo):
    assert client.get(ARTICLE).status_code == 200  # its served copy is now in the cache
    demo.title = "Five points for a stiff lower back"
    demo.save_revision().publish()
    assert b"<h1>Five points for a stiff lower back</h1>" in client.get(ARTICLE).content


def test_a_page_given_a_new_slug_is_served_at_its_new_address_and_not_at_the_old_one(client, no_page_cache, demo):
    assert client.get(ARTICLE).status_code == 200
    demo.slug = "lower-back-points"
    demo.save_revision().publish()
    assert client.get("/articles/lower-back-points/").status_code == 200
    assert client.get(ARTICLE).status_code != 200  # a redirect to the new address, or gone


def test_an_image_edited_in_the_library_shows_on_the_article_at_once(client, no_page_cache, demo):
    assert client.get(ARTICLE).status_code == 200  # the article, read with its hero image, is cached
    image = demo.hero_image
    image.description = "Thumbs pressing the muscles either side of the lower spine"
    image.save()
    assert b'alt="Thumbs pressing the muscles either side of the lower spine"' in client.get(ARTICLE).content


def test_an_unpublished_page_is_not_served_from_its_cached_copy(client, no_page_cache, demo):
    assert client.get(ARTICLE).status_code == 200
    demo.unpublish()
    assert client.get(ARTICLE).status_code == 404
