"""The grouped results page: points, complaints, articles, products and people for one query."""

import hashlib
import re

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q
from wagtail.query import PageQuerySet

from articles import meridians
from articles.models import ArticlePage
from base.images import prefetch_renditions
from caching import tokens
from products.models import Product

from . import text
from .query import understand

PER_PAGE = 20
MAX_ARTICLES = 100
RANKING_SECONDS = 3600
COMPLAINT_POINTS_SHOWN = 12


def ranked_articles(catalogue, understanding, query):
    """Articles for the query, from Wagtail's full-text index (PostgreSQL full-text search or SQLite FTS5),
    then ranked: the matching complaint's articles and those with every word in the title first, then
    those with it in a heading, then the rest in the index's order of relevance."""
    subject = understanding.core or text.words(query)
    # Full-text backends choke on stray punctuation (SQLite FTS5 raises on `"` or `<`): words only.
    terms = " ".join(re.findall(r"\w+", " ".join(subject)))
    found = []
    if terms:
        # Ranking every match is the costly part at scale (250 ms for "back pain" among 10,000 articles),
        # so the ranked ids are kept under the ``CONTENT`` token: the next result page, or the same words
        # after an unrelated page-cache drop, reuse them; any publish moves the version.
        key = f"search:articles:{tokens.token(tokens.CONTENT)}:{hashlib.sha256(terms.lower().encode()).hexdigest()}"
        found = cache.get(key)
        if found is None:
            # Wagtail's own public(): the search backend understands plain filters, not the site's subquery.
            matches = PageQuerySet.public(ArticlePage.objects.live()).only("id").search(terms, operator="and")
            found = [page.pk for page in matches[:MAX_ARTICLES]]
            cache.set(key, found, RANKING_SECONDS)
    by_id = catalogue.article_by_id()
    topic_ids = understanding.complaint.article_ids if understanding.complaint else []
    ordered = list(dict.fromkeys([*topic_ids, *found]))
    typed = {text.singular(w) for w in subject}

    def tier(article_id):
        article = by_id[article_id]
        if article_id in topic_ids or (typed and typed <= article.words):
            return 0
        if typed and typed <= article.headings:
            return 1
        return 2

    ordered = [pk for pk in ordered if pk in by_id]
    return [by_id[pk] for pk in sorted(ordered, key=tier)]


def product_cards(entries):
    """The matching products with their image and average rating, in two queries however many."""
    if not entries:
        return []
    approved = Q(reviews__approved=True)
    products = {
        p.pk: p
        for p in Product.objects.filter(pk__in=[e.id for e in entries])
        .select_related("image")
        .annotate(average=Avg("reviews__rating", filter=approved), review_count=Count("reviews", filter=approved))
    }
    prefetch_renditions([p.image for p in products.values()])
    return [products[e.id] for e in entries if e.id in products]


def complaint_point_order(point, primary_ids):
    """The editors' primary points first, in their order; then the others as the library lists them: by
    meridian in the standard order (LU, LI, ST …), then by number."""
    rank = primary_ids.index(point.id) if point.id in primary_ids else len(primary_ids)
    letters, number = re.fullmatch(r"([A-Z]+)(\d+)", point.code).groups()
    return (rank, meridians.ORDER.get(letters, len(meridians.ORDER)), int(number))


def results_context(catalogue, query, page_number, allow_corrections=True):
    """Everything the results page shows; `redirect` is set when the query names one point exactly."""
    understanding = understand(catalogue, query, allow_corrections=allow_corrections)
    if understanding.exact_point is not None:
        return {"redirect": understanding.exact_point.url}
    complaint = understanding.complaint
    complaint_points = []
    if complaint:
        filed = set(complaint.point_ids)
        complaint_points = [p for p in catalogue.points if p.id in filed]
        # The editors' primary points first, in their order; the others keep the library's order by code.
        complaint_points.sort(key=lambda p: complaint_point_order(p, complaint.primary_ids))
    articles = ranked_articles(catalogue, understanding, query)
    products = product_cards(understanding.products)
    found = (
        understanding.points
        or understanding.complaints
        or understanding.caution_points
        or articles
        or products
        or understanding.people
    )
    return {
        "redirect": None,
        "understanding": understanding,
        "points": understanding.points,
        "correction": understanding.correction,
        "complaints": understanding.complaints,
        "complaint": complaint,
        "complaint_points": complaint_points[:COMPLAINT_POINTS_SHOWN],
        "complaint_point_count": len(complaint_points),
        "caution_points": understanding.caution_points,
        "articles": Paginator(articles, PER_PAGE).get_page(page_number),
        "article_count": len(articles),
        "products": products,
        "people": understanding.people,
        "found_nothing": not found,
    }
