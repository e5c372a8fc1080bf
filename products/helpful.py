"""“Was this helpful?” on reader reviews: one vote per reader per review, no account, no personal data.

The database holds only a count per review. That a reader has voted is remembered in the cache for
VOTE_MEMORY_SECONDS, under a key hashed from the secret key, their address and the review (never the address
itself), so a reader can vote once per review, and no more than VOTES_PER_CLIENT_PER_HOUR times an hour
across all reviews (the same client address and counters as the review form, tcmtips/ratelimit.py). If the
cache is down a vote is not counted: the page still works, and nobody can pile up votes while nothing
remembers them.

Votes are an UPDATE, not a save(): no signal fires, so no cached page is dropped. Pages show the count they
were rendered with (at most PAGE_CACHE_SECONDS old); the vote's own answer carries the new count. A vote
also sets the product's ``votes_at``, which the product page's cached list of reviews is kept under, so
the next render shows it."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from security import ratelimit
from security.client import client_id

from .models import Product, ProductReview

VOTES_PER_CLIENT_PER_HOUR = 30
VOTE_MEMORY_SECONDS = 30 * 24 * 60 * 60


def _key(scope, request, *parts, daily=True):
    # Keyed with the secret (and the date for hourly counters, as the review form's key), so the cache never
    # holds an address.
    salt = f"{settings.SECRET_KEY}:{timezone.now().date().isoformat()}" if daily else settings.SECRET_KEY
    text = ":".join([salt, client_id(request), *map(str, parts)])
    return f"{scope}:" + hashlib.sha256(text.encode()).hexdigest()


def rate_limited(request):
    """Counts this attempt; True once the reader has gone past the hourly limit."""
    return ratelimit.count(_key("helpfulrate", request), 60 * 60) > VOTES_PER_CLIENT_PER_HOUR


def record_vote(request, review):
    """Add the reader's vote unless they already gave one to this review; True if it was counted."""
    if not cache.add(_key("helpful", request, review.pk, daily=False), 1, VOTE_MEMORY_SECONDS):
        return False
    ProductReview.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
    Product.objects.filter(pk=review.product_id).update(votes_at=timezone.now())
    return True
