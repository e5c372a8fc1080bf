"""Site search: the results page and the suggestions endpoint. A point named exactly (code, characters,
pinyin in any form, English or other name) goes straight to the point; anything else gets one page of
grouped results. A search that finds nothing leaves at most one row behind, and no address (see misses.py)."""

import hashlib

from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe

from articles.meridians import normalise_code
from caching import tokens
from caching.kept import kept
from caching.pagecache import keep_out_of_caches

from . import misses, text
from .catalogue import get_catalogue
from .results import results_context
from .suggest import suggestions as suggestions_for

SUGGEST_SECONDS = 300
RESULTS_SECONDS = 3600


def search(request):
    query, too_long = text.clean_query(request.GET.get("q", ""))
    context = {"query": query, "too_long": too_long, "found_nothing": False}
    if query:
        asked = request.GET.get("page")
        found = results(query, request.GET.get("exact") == "1", asked, request)
        if found["redirect"]:
            return redirect(found["redirect"])
        context.update(found_nothing=found["found_nothing"], results=mark_safe(found["html"]))
        if asked is not None and asked != str(found["page"]):
            keep_out_of_caches(request)  # a made-up page number must not make entries of its own
        if found["found_nothing"]:
            misses.record(query, request, timezone.localdate())
    response = render(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    if context["found_nothing"]:
        # Kept out of the page cache, so every search that finds nothing is counted for the editors' report.
        patch_cache_control(response, private=True)
    return response


def results(query, exact, page, request):
    """{"redirect", "found_nothing", "html", "page"}: where a query that names one point goes, or the
    rendered results for this query and page. Kept under the ``CONTENT`` token (the catalogue, the rankings
    and the products' ratings are worked out from what it covers) and the ``EVERYTHING`` token (the
    products' pictures): a results page made again costs one cache read, however many articles match."""
    everything, content = tokens.read([tokens.EVERYTHING, tokens.CONTENT]).values()
    digest = hashlib.sha256(f"{query}|{exact}|{page}".encode()).hexdigest()

    def make():
        found = results_context(get_catalogue(), query, page, allow_corrections=not exact)
        made = {"redirect": found["redirect"], "found_nothing": found.get("found_nothing", False), "html": ""}
        made["page"] = found["articles"].number if "articles" in found else 1
        if not found["redirect"]:
            made["html"] = render_to_string("search/results.html", {**found, "query": query, "exact": exact}, request)
        return made

    return kept(f"search:results:{everything}:{content}:{digest}", make, RESULTS_SECONDS)


def suggest(request):
    """At most 8 suggestions as JSON, {"query", "suggestions": [{"kind", "label", "url"}]}, kept per query
    and ``CONTENT`` token. Read-only. Bad input (empty, too long, NUL, only punctuation) gets an empty list."""
    query, too_long = text.clean_query(request.GET.get("q", ""))
    found = []
    if query and not too_long:
        key = f"search:suggest:{tokens.token(tokens.CONTENT)}:{hashlib.sha256(query.lower().encode()).hexdigest()}"
        found = cache.get(key)
        if found is None:
            found = suggestions_for(get_catalogue(), query)
            cache.set(key, found, SUGGEST_SECONDS)
    response = JsonResponse({"query": query, "suggestions": found})
    response["X-Robots-Tag"] = "noindex"
    # A shared cache (Varnish) keeps these a minute only: every change purges search, but not each query.
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
