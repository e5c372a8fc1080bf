"""Reusable fragments of a page (issue 12): a product card, a point section, an author box, the header and
footer are rendered once and kept in the cache, so a page-cache miss renders only what is its own.

A fragment's key names what it shows and the version of each thing, never a time limit:
``fragment_key("product-card", product)`` holds the product's id and ``updated_at`` (moved by any change
readers see: the snippet editor, an approved review, an offer found broken), a page's holds its live
revision. A change therefore makes a new key; the old entry is never read again and ages out of Redis.

A page names the fragments it will show before it renders (``prefetch``), so a miss fetches all of them
in one ``get_many``; the ``{% fragment %}`` tag then finds each in ``request.fragments``. Previews and
signed-in editors' pages show drafts and the user bar, so they neither read nor fill the cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache

PREFIX = "fragment"


def version_of(thing):
    """What changes when ``thing`` changes in a way readers see."""
    if thing is None:
        return "-"
    if isinstance(thing, (str, int)):
        return str(thing)
    stamp = getattr(thing, "fragment_version", None)
    if stamp is None:
        # A page: its live revision, and its publication time for pages created live by code.
        published = getattr(thing, "last_published_at", None)
        revision = getattr(thing, "live_revision_id", "")
        stamp = f"{getattr(thing, 'live', '')}.{revision}@{published.timestamp() if published else ''}"
    return f"{thing._meta.label_lower}.{thing.pk}.{stamp}"


def fragment_key(name, *things):
    digest = hashlib.blake2b(":".join(version_of(t) for t in things).encode(), digest_size=16).hexdigest()
    return f"{PREFIX}:{name}:{digest}"


def usable(request):
    """Fragments are for what every reader sees: not for previews (drafts) or editors' own views."""
    if request is None or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _found(request):
    """The fragments this request has fetched or rendered so far, by key."""
    if getattr(request, "fragments", None) is None:
        request.fragments = {}
    return request.fragments


def prefetch(request, keys):
    """Fetch the fragments a page will show in one round trip; returns the keys that were not there."""
    keys = [key for key in keys if key]
    if not usable(request) or not keys:
        return set(keys)
    found = _found(request)
    wanted = [key for key in keys if key not in found]
    if wanted:
        found.update(cache.get_many(wanted))
    return {key for key in keys if key not in found}


def get(request, key):
    if not usable(request):
        return None
    found = _found(request)
    if key not in found:
        html = cache.get(key)
        if html is None:
            return None
        found[key] = html
    return found[key]


def store(request, key, html):
    if usable(request):
        _found(request)[key] = html
        cache.set(key, html, settings.FRAGMENT_CACHE_SECONDS)
