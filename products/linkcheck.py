"""Retailer link health: is each active offer's page still there?"""

import urllib.error
import urllib.request

from django.db.models import F
from django.utils import timezone

from caching.purge import purge

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


def shown(offer):
    """What readers see of an offer's check: whether the buy link is offered, and the day it was checked."""
    checked = offer.last_checked_at and timezone.localdate(offer.last_checked_at)
    return (offer.consecutive_failures == 0 and not offer.broken, checked)


def check_offer(offer, timeout=10):
    """Record one check. One failure can be a blip and two in a row mark the offer broken (the dashboard lists
    it), but readers are offered the link only while its last check passed; any success clears it.
    Routine checks use update(), which sends no signal; when what readers see changes (the link is offered
    or withdrawn, or the date it was checked moves to a new day) the offer is purged, and with it what its
    ``cache_dependents`` declare: its product's page and every page showing its card."""
    before = Offer.objects.filter(pk=offer.pk).values("broken", "consecutive_failures", "last_checked_at").first()
    now = timezone.now()
    rows = Offer.objects.filter(pk=offer.pk)
    if fetch_ok(offer.url, timeout):
        rows.update(consecutive_failures=0, broken=False, last_checked_at=now)
    else:
        rows.update(consecutive_failures=F("consecutive_failures") + 1, last_checked_at=now)
        rows.filter(consecutive_failures__gte=FAILURES_BEFORE_BROKEN).update(broken=True)
    offer.refresh_from_db(fields=["consecutive_failures", "broken", "last_checked_at"])
    if before and before["broken"] != offer.broken:
        offer.save(update_fields=["broken"])  # post_save purges; the product's page says when it changed
    elif before is None or shown(Offer(**before)) != shown(offer):
        purge(offer)
    return offer
