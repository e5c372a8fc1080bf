"""Site search. A point code or pinyin name typed exactly goes straight to the point; anything else lists
matching points (with code and name) and full-text matches among articles and people. Public GETs stay
read-only: nothing is logged per query."""

import re

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from wagtail.models import Page

from articles.meridians import normalise_code
from articles.models import LISTING_FIELDS, AcupointPage, Complaint

MAX_QUERY_LENGTH = 100
PER_PAGE = 20
MAX_POINTS = 30


def _squash(text):
    return re.sub(r"[\s\-'’]+", "", text).lower()


def exact_point(query):
    """The one point this query names exactly: a code in any common spelling, a pinyin name with or
    without spaces, or an English name. None if there is no such point or the name is shared."""
    points = AcupointPage.objects.live().public()
    code = normalise_code(query)
    if code:
        return points.filter(code=code).first()
    squashed = _squash(query)
    if squashed.isalpha():
        named = list(points.filter(pinyin__iexact=squashed)[:2]) or list(
            points.filter(english_name__iexact=query.strip())[:2]
        )
        if len(named) == 1:
            return named[0]
    return None


def matching_points(query):
    """Points whose code, names or other names contain what was typed (case-insensitive, any database)."""
    words = [w for w in re.split(r"\s+", query) if w][:6]
    if not words:
        return []
    condition = Q()
    for word in words:
        condition &= (
            Q(pinyin__icontains=word)
            | Q(english_name__icontains=word)
            | Q(other_names__icontains=word)
            | Q(code__iexact=word)
            | Q(location__icontains=word)
        )
    squashed = _squash(query)
    if len(squashed) >= 3:
        condition |= Q(pinyin__istartswith=squashed)
    return list(
        AcupointPage.objects.live()
        .public()
        .filter(condition)
        .order_by("meridian", "number")
        .only(*LISTING_FIELDS)[:MAX_POINTS]
    )


def matching_complaints(query):
    """Complaints every typed word appears in ("back pain" → Lower back pain), linking to the filtered library."""
    words = re.findall(r"\w+", query)[:6]
    if not words:
        return []
    condition = Q()
    for word in words:
        condition &= Q(name__icontains=word) | Q(slug__icontains=word)
    return list(Complaint.objects.filter(condition)[:5])


def search(request):
    # PostgreSQL refuses NUL characters in a query parameter (DataError -> 503): drop them first.
    query = " ".join(request.GET.get("q", "").replace("\x00", " ").split())
    too_long = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    points, complaints, results = [], [], None
    if query:
        point = exact_point(query)
        if point is not None:
            return redirect(point.url)
        points = matching_points(query)
        complaints = matching_complaints(query)
        # Full-text backends choke on stray punctuation (SQLite FTS5 raises on `"` or `<`): words only.
        words = " ".join(re.findall(r"\w+", query))
        matches = (
            Page.objects.live().public().not_type(AcupointPage).specific().search(words, operator="and")
            if words
            else Page.objects.none()
        )
        results = Paginator(matches, PER_PAGE).get_page(request.GET.get("page"))
    response = render(
        request,
        "search/search.html",
        {"query": query, "points": points, "complaints": complaints, "results": results, "too_long": too_long},
    )
    response["X-Robots-Tag"] = "noindex"
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
