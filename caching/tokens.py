"""Tokens: what every cached page and fragment is kept under, so that a change can make it unreachable.

A token is a random string in the cache, with no expiry. Whatever is kept under a token (its value is part
of the entry's key) is found only while the token stays the same; a change *moves* the token (deletes it),
and the next reader makes a new one. Nothing is ever looked for by pattern or deleted one by one, and a
token lost to eviction or a flushed cache is as good as moved: stale entries can never be read again.

There are four kinds:

- ``EVERYTHING``: every cached page and fragment is kept under it. Site settings, the menus, a site, an
  image or anything else that shows on most pages move it.
- ``CONTENT``: moved by every change readers can see. What is worked out from the whole site at once (the
  search catalogue, the sitemap, the feed) is kept under it.
- one per object (``object_token``): what shows an object (its fragments, its routing) is kept under it.
  It moves when the object, or something it shows, changes (see ``caching.purge``).
- one per URL path (``path_token``): the whole-page cache keeps every variant of a path under it.

Tokens are read at most once per request (``request_memo``): a page's fragments, its routing and the page
cache all ask for the same few tokens."""

import hashlib
import secrets
from contextvars import ContextVar

from django.core.cache import cache

EVERYTHING = "token:everything"
CONTENT = "token:content"

# The tokens this request has read, by name (set by caching.middleware.RequestMemoMiddleware).
request_memo = ContextVar("caching_token_memo", default=None)


def object_name(obj):
    """The token name of a model object: pages by their id in Wagtail's page table, whatever their type."""
    from wagtail.models import Page

    label = "wagtailcore.page" if isinstance(obj, Page) else obj._meta.label_lower
    return f"token:object:{label}:{obj.pk}"


def path_name(path):
    """The token name of a site-relative path (hashed: any path a visitor types makes a key of one length)."""
    return f"token:path:{hashlib.sha256(path.encode()).hexdigest()[:32]}"


def read(names, create=True):
    """{name: token} for these token names, in one round trip (fewer when this request read some before).
    A missing token is made (``create``) or left out."""
    memo = request_memo.get()
    known = {name: memo[name] for name in names if memo is not None and name in memo}
    wanted = [name for name in names if name not in known]
    if wanted:
        found = cache.get_many(wanted)
        for name in wanted:
            token = found.get(name)
            if token is None and create:
                token = _make(name)
            if token is not None:
                known[name] = token
                if memo is not None:
                    memo[name] = token
    return known


def _make(name, timeout=None):
    fresh = secrets.token_hex(8)
    # add(): two app servers making the same token at once agree on one of them.
    if cache.add(name, fresh, timeout):
        return fresh
    return cache.get(name) or fresh


def token(name, timeout=None):
    """The token ``name``, made (to last ``timeout`` seconds, or for ever) when there is none."""
    memo = request_memo.get()
    if memo is not None and name in memo:
        return memo[name]
    found = cache.get(name)
    if found is None:
        found = _make(name, timeout)
    if memo is not None:
        memo[name] = found
    return found


def remember(found):
    """Tokens this request has read by other means (the page cache's own round trip)."""
    memo = request_memo.get()
    if memo is not None:
        memo.update(found)


def object_tokens(obj):
    """The tokens a cache key of ``obj`` names: everything's and the object's own."""
    names = [EVERYTHING, object_name(obj)]
    found = read(names)
    return [found[name] for name in names]


def move(names):
    """Make everything kept under these tokens unreachable."""
    names = list(names)
    if not names:
        return
    cache.delete_many(names)
    memo = request_memo.get()
    if memo is not None:
        for name in names:
            memo.pop(name, None)
