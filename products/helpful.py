"""“Was this helpful?” on reader reviews: one vote per reader per review, no account, no address stored.

A vote is a row of ``HelpfulVote``: the review and an HMAC of the reader's address (an IPv6 reader's /64)
and the review, keyed with SECRET_KEY (never the address itself, and the same reader's votes on two reviews
don't match). The pair is unique in the database, so a reader votes once per review however long ago, whatever the cache
evicted or a restart lost. No reader may vote more than VOTES_PER_CLIENT_PER_HOUR times an hour across all
reviews (the same client address and counters as the review form, security/ratelimit.py).

Votes are an UPDATE of the count, not a save(): no signal fires, so no cached page is dropped. Pages show
the count they were rendered with (at most PAGE_CACHE_SECONDS old); the vote's own answer carries the new
count. A vote also sets the product's ``votes_at``, which the product page's cached list of reviews is kept
under, so the next render shows it."""

import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from security import ratelimit
from security.client import client_id

from .models import HelpfulVote, Product, ProductReview

VOTES_PER_CLIENT_PER_HOUR = 30


def voter_hash(request, review):
    """Who voted, as only this site can tell it: an HMAC of the address and the review with the secret key."""
    text = f"helpful-vote\x00{review.pk}\x00{client_id(request)}"
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def rate_limited(request):
    """Counts this attempt; True once the reader has gone past the hourly limit."""
    return ratelimit.count(ratelimit.client_key("helpfulrate", client_id(request)), 60 * 60) > VOTES_PER_CLIENT_PER_HOUR


def record_vote(request, review):
    """Add the reader's vote unless they already gave one to this review; True if it was counted."""
    try:
        with transaction.atomic():
            HelpfulVote.objects.create(review=review, voter=voter_hash(request, review))
            ProductReview.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
    except IntegrityError:
        return False  # this reader's vote on this review is already in the table
    Product.objects.filter(pk=review.product_id).update(votes_at=timezone.now())
    return True
