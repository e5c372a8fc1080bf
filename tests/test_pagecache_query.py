"""The page cache keys a page on the query parameters it reads, and ignores the rest: a reader who follows a
link with tracking tags gets the cached page, and a made-up parameter name doesn't fill the cache."""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caching.pagecache import PageCacheMiddleware, ReadTrackingQueryDict

ARTICLE = "/articles/lower-back-pain-acupressure-points/"


def test_tracking_tags_and_unknown_names_get_the_cached_page(client, demo):
    assert client.get(ARTICLE)["X-Page-Cache"] == "miss"
    for query in ("utm_source=news&utm_campaign=spring", "fbclid=abc123", "gclid=x&ref=twitter", "zz9=1"):
        assert client.get(f"{ARTICLE}?{query}")["X-Page-Cache"] == "hit", query


def test_a_listing_keeps_the_parameters_it_reads(client, demo):
    first = client.get("/points/?meridian=LU")
    assert first["X-Page-Cache"] == "miss" and b"LU-1" in first.content
    other = client.get("/points/?meridian=ST&utm_source=x")
    assert other["X-Page-Cache"] == "miss" and b"ST-36" in other.content and b"LU-1 " not in other.content
    assert client.get("/points/?utm_medium=mail&meridian=LU")["X-Page-Cache"] == "hit"


def test_a_reader_who_types_a_different_search_gets_its_results(client, demo):
    assert b"Lower Back Pain" in client.get("/search/?q=back+pain").content
    second = client.get("/search/?q=gua+sha")
    assert second["X-Page-Cache"] == "miss" and b"Facial Gua Sha Tool" in second.content
    assert client.get("/search/?q=back+pain&utm_campaign=x")["X-Page-Cache"] == "hit"


def test_reading_the_whole_query_string_keys_on_all_of_it(client, demo):
    query = ReadTrackingQueryDict("a=1&utm_source=x")
    query.urlencode()
    assert "*" in query.names_read


# --- The rule itself, checked against a view whose reads depend on the values it is given -------------------


def picky_view(request):
    """Reads ``sort`` only when ``q`` is set, and ``page`` only when sorting by date: the case a fixed list of
    parameters per page gets wrong."""
    q = request.GET.get("q", "")
    sort = request.GET.get("sort", "relevance") if q else "-"
    page = request.GET.get("page", "1") if sort == "date" else "-"
    return HttpResponse(f"q={q} sort={sort} page={page}")


QUERIES = st.lists(
    st.dictionaries(
        st.sampled_from(["q", "sort", "page", "utm_source", "ref"]),
        st.sampled_from(["", "1", "2", "date", "relevance"]),
        max_size=5,
    ),
    min_size=1,
    max_size=12,
)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requests=QUERIES)
def test_a_cached_page_always_matches_what_the_view_would_render(requests, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    cached_view = PageCacheMiddleware(picky_view)
    factory = RequestFactory()
    for params in requests:
        url = f"/picky/?{urlencode(params)}"
        assert cached_view(factory.get(url)).content == picky_view(factory.get(url)).content, url
