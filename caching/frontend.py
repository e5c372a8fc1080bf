"""The HTTP cache in front of the app servers (Varnish in the stack), purged through Wagtail's
``frontend_cache``: ``caching.purge`` decides which addresses a change affects; this only sends them.

Varnish (deploy/default.vcl) treats a PURGE of a path as a ban of that path with any query string, and a
BAN as "drop everything", which Wagtail's backends have no word for. Without ``WAGTAILFRONTENDCACHE`` (one
machine, the tests) nothing is sent. A purge that fails is logged: the change itself is saved, and the front
cache lets the page go after its lifetime anyway."""

import logging
import urllib.request

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch

log = logging.getLogger(__name__)


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge(urls):
    """Purge these absolute URLs from every configured front cache."""
    urls = sorted(set(urls))
    if not configured() or not urls:
        return
    try:
        PurgeBatch(urls).purge()
    except Exception:  # the change is saved either way; the front cache expires the page on its own
        log.exception("purging the front cache failed")


def purge_everything():
    """Ask each front cache to drop every page (site settings or menus changed)."""
    if not configured():
        return
    for name, backend in settings.WAGTAILFRONTENDCACHE.items():
        location = backend.get("LOCATION")
        if not location:
            continue
        try:
            request = urllib.request.Request(location.rstrip("/") + "/", method="BAN")
            urllib.request.urlopen(request, timeout=2).close()
        except Exception as error:  # as above: pages still expire after HTTP_CACHE_SECONDS
            log.warning("asking front cache %s to drop every page failed: %s", name, error)
