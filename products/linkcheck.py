"""Retailer link health: is each active offer's page still there?"""

import urllib.error
import urllib.request

from django.db.models import F
from django.utils import timezone

from .models import Offer

FAILURES_BEFORE_BROKEN = 2
USER_AGENT = "TCMTipsLinkCheck/1.0 (+checks that retailer links still work)"


def fetch_ok(url, timeout):
    """True when the URL answers with a non-error status within the timeout (redirects are followed)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # http(s) only: the model validates it
            response.read(1024)
            return response.status < 400
    except (urllib.error.URLError, TimeoutError, OSError, ValueError):
        return False


def check_offer(offer, timeout=10):
    """Record one check. One failure can be a blip; two in a row mark the offer broken; any success clears it.
    Routine checks use update(), which sends no signal, so they leave the page cache alone; only when the
    offer turns broken or recovers is it saved once more, so that readers stop (or start again) seeing it."""
    was_broken = Offer.objects.filter(pk=offer.pk).values_list("broken", flat=True).first()
    now = timezone.now()
    rows = Offer.objects.filter(pk=offer.pk)
    if fetch_ok(offer.url, timeout):
        rows.update(consecutive_failures=0, broken=False, last_checked_at=now)
    else:
        rows.update(consecutive_failures=F("consecutive_failures") + 1, last_checked_at=now)
        rows.filter(consecutive_failures__gte=FAILURES_BEFORE_BROKEN).update(broken=True)
    offer.refresh_from_db(fields=["consecutive_failures", "broken", "last_checked_at"])
    if offer.broken != was_broken:
        offer.save(update_fields=["broken"])  # post_save: cached pages showing the card are dropped
    return offer
