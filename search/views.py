"""Site search: the results page and the suggestions endpoint. A point named exactly (code, characters,
pinyin in any form, English or other name) goes straight to the point; anything else gets one page of
grouped results. Public GETs stay read-only: searches that find nothing are counted in the cache only."""

import hashlib

from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe

from articles.meridians import normalise_code
from pagecache.keys import content_version, everything_version
from tcmtips import fragments
from tcmtips.models import chrome_fragment_keys

from . import misses, text
from .catalogue import get_catalogue
from .results import results_context
from .suggest import suggestions as suggestions_for

SUGGEST_SECONDS = 300


def search(request):
    query, too_long = text.clean_query(request.GET.get("q", ""))
    context = {"query": query, "too_long": too_long, "found_nothing": False}
    fragments.prefetch(request, chrome_fragment_keys(request))  # the header and footer, in one round trip
    if query:
        found = results(request, query, request.GET.get("exact") == "1", request.GET.get("page"))
        if found["redirect"]:
            return redirect(found["redirect"])
        context.update(found_nothing=found["found_nothing"], results=mark_safe(found["html"]))
        if found["found_nothing"]:
            misses.record(query)
    response = render(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    if context["found_nothing"]:
        # Kept out of the page cache, so every search that finds nothing is counted for the editors' report.
        patch_cache_control(response, private=True)
    return response


def results(request, query, exact, page):
    """{"redirect", "found_nothing", "html"}: where a query that names one point goes, or the rendered
    results for this query and page. Kept as a fragment under the content version (the catalogue, the
    rankings and the products' ratings are worked out from it) and the version of everything (the
    products' pictures): a results page made again costs one cache read, however many articles match."""
    key = None
    if fragments.usable(request):
        key = fragments.fragment_key("search-results", content_version(), everything_version(), query, exact, page)
        kept = fragments.get(request, key)
        if kept is not None:
            return kept
    found = results_context(get_catalogue(), query, page, allow_corrections=not exact)
    kept = {"redirect": found["redirect"], "found_nothing": found.get("found_nothing", False), "html": ""}
    if not found["redirect"]:
        kept["html"] = render_to_string("search/results.html", {**found, "query": query, "exact": exact}, request)
    if key:
        fragments.store(request, key, kept)
    return kept


def suggest(request):
    """At most 8 suggestions as JSON, {"query", "suggestions": [{"kind", "label", "url"}]}, cached per query
    and content version. Read-only. Bad input (empty, too long, NUL, only punctuation) gets an empty list."""
    query, too_long = text.clean_query(request.GET.get("q", ""))
    found = []
    if query and not too_long:
        key = f"search:suggest:{content_version()}:{hashlib.sha256(query.lower().encode()).hexdigest()}"
        found = cache.get(key)
        if found is None:
            found = suggestions_for(get_catalogue(), query)
            cache.set(key, found, SUGGEST_SECONDS)
    response = JsonResponse({"query": query, "suggestions": found})
    response["X-Robots-Tag"] = "noindex"
    # A shared cache (Varnish) is not purged for these URLs on publish: keep them a minute only.
    patch_cache_control(response, public=True, max_age=SUGGEST_SECONDS // 5, s_maxage=SUGGEST_SECONDS // 5)
    return response


def page_not_found(request, exception=None):
    """A 404 that helps: if the missing address looks like a point code, offer the search for it."""
    last = request.path.rstrip("/").rsplit("/", 1)[-1]
    suggestion = last.replace("-", " ") if last else ""
    return render(
        request,
        "404.html",
        {"suggestion": suggestion[:60], "is_point": bool(normalise_code(last))},
        status=404,
    )
