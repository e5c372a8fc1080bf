"""Site search. A point code or pinyin name typed exactly goes straight to the point; anything else is a
full-text search over points, articles and people. Public GETs stay read-only: no query logging."""

import re

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from wagtail.models import Page

from articles.meridians import normalise_code

MAX_QUERY_LENGTH = 100
PER_PAGE = 20


def exact_point(query):
    from articles.models import AcupointPage

    points = AcupointPage.objects.live().public()
    code = normalise_code(query)
    if code:
        return points.filter(code=code).first()
    squashed = re.sub(r"[\s\-']+", "", query).lower()
    if not squashed.isalpha():
        return None
    return points.filter(pinyin__iexact=squashed).first()


def search(request):
    query = request.GET.get("q", "").strip()
    too_long = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    results = None
    if query:
        point = exact_point(query)
        if point is not None:
            return redirect(point.url)
        matches = Page.objects.live().public().specific().search(query, operator="and")
        results = Paginator(matches, PER_PAGE).get_page(request.GET.get("page"))
    response = render(request, "search.html", {"query": query, "results": results, "too_long": too_long})
    response["X-Robots-Tag"] = "noindex"
    return response
