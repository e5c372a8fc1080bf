"""Long listings at any size: the article index, a person's articles, the articles that use a
point, the shop. Counting 10,000 articles, sorting 500 products by their rating or skipping to page 500
costs the database a scan each time; here the listing's order is worked out once, kept as a list of ids
under the content version (which any publish, product, offer or approved review moves, see
tcmtips.versions), and a page of it is a slice of that list and one lookup by id."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator

from .versions import content_version

# A listing is worked out again after any change; this bounds it should the content version be lost.
LISTING_SECONDS = 600


def kept(name, compute):
    """``compute()``, worked out once per content version. ``name`` says everything that chose the result
    (owner, filters, sort): two results with the same name must be the same result. The name is hashed
    into the key, so one made from a reader's input (a product page's slug) has a bounded length."""
    return kept_many({name: compute})[name]


def kept_many(computes):
    """``kept`` for several results ({name: compute}) in one round trip; each missing one is worked out
    in the order given (so one may use what an earlier one read)."""
    version = content_version()
    keys = {
        name: f"listing:{hashlib.blake2b(name.encode(), digest_size=16).hexdigest()}:{version}" for name in computes
    }
    found = cache.get_many(list(keys.values()))
    values, missing = {}, {}
    for name, compute in computes.items():
        values[name] = found.get(keys[name])
        if values[name] is None:
            values[name] = missing[keys[name]] = compute()
    if missing:
        cache.set_many(missing, LISTING_SECONDS)
    return values


def listing_ids(name, queryset):
    """The ids of ``queryset`` in its order (see ``kept``)."""
    return kept(name, lambda: list(queryset.values_list("pk", flat=True)))


def rows_in_order(ids, rows):
    """The rows of ``rows`` (a queryset) with these ids, in the ids' order, in one query."""
    found = rows.filter(pk__in=ids).order_by().in_bulk() if ids else {}
    return [found[pk] for pk in ids if pk in found]


def page_of(name, queryset, rows, per_page, number):
    """One page of the listing, as Django's paginator gives it (``get_page``: ``?page=abc`` is page 1 and
    ``?page=99999`` the last), its objects read from ``rows`` by id."""
    page = Paginator(listing_ids(name, queryset), per_page).get_page(number)
    page.object_list = rows_in_order(list(page.object_list), rows)
    return page
