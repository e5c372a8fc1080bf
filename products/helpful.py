"""“Was this helpful?” on reader reviews: one vote per reader per review, no account, no personal data.

The database holds only a count per review. That a reader has voted is remembered in the cache for
VOTE_MEMORY_SECONDS, under a key hashed from the secret key, their address and the review (never the address
itself), so a reader can vote once per review, and no more than VOTES_PER_CLIENT_PER_HOUR times an hour
across all reviews (the same client address and counters as the review form, tcmtips/ratelimit.py). If the
cache is down a vote is not counted: the page still works, and nobody can pile up votes while nothing
remembers them.

Votes are an UPDATE, not a save(): no signal fires, so no cached page is dropped. Pages show the count they
were rendered with (at most PAGE_CACHE_SECONDS old); the vote's own answer carries the new count."""

from django.core.cache import cache
from django.db.models import F

from tcmtips import ratelimit

from .models import ProductReview
from .reviews import client_key

VOTES_PER_CLIENT_PER_HOUR = 30
VOTE_MEMORY_SECONDS = 30 * 24 * 60 * 60


def rate_limited(request):
    """Counts this attempt; True once the reader has gone past the hourly limit."""
    return ratelimit.count(client_key("helpfulrate", request), 60 * 60) > VOTES_PER_CLIENT_PER_HOUR


def record_vote(request, review):
    """Add the reader's vote unless they already gave one to this review; True if it was counted."""
    if not cache.add(client_key("helpful", request, review.pk, daily=False), 1, VOTE_MEMORY_SECONDS):
        return False
    ProductReview.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
    return True
