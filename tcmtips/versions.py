"""The counters that cached entries are kept under, moved by changes:

- the content version (``content_version``) moves whenever something readers can see changes (a publish,
  unpublish, move or delete, a product, offer or approved review; pagecache.changes moves it). Whatever is
  worked out from many pages at once (search's catalogue and rankings, the article index's order) is kept
  under it, so it is worked out again after a change and never before;
- the version of everything (``everything_version``) moves on a change that shows on every page (site
  settings, the menus, an image, a page made private): pagecache drops every page with it;
- the addresses version (``addresses_version``) moves when a page's address changes or goes (a move, a
  new slug, a deletion). Every fragment is kept under it (tcmtips.fragments): rich text links to pages by
  id, and the link's address is worked out when the text is rendered.

A request reads all three once, with the sites (``tcmtips.routing.load_sites`` puts them in
``request.cache_versions``); a request that moves one (an editor's publish) reads it afresh after."""

import secrets

from django.core.cache import cache

from .requestlocal import current_request

CONTENT_VERSION_KEY = "pagecache:content"
EVERYTHING_VERSION_KEY = "pagecache:version"
ADDRESSES_VERSION_KEY = "pagecache:addresses"
VERSION_KEYS = (CONTENT_VERSION_KEY, EVERYTHING_VERSION_KEY, ADDRESSES_VERSION_KEY)


_UNREAD = object()


def _read_with_request(key):
    """The value the request read for ``key`` (None if the cache had none), or _UNREAD."""
    return getattr(current_request.get(), "cache_versions", {}).get(key, _UNREAD)


def bump(key):
    getattr(current_request.get(), "cache_versions", {}).pop(key, None)
    try:
        cache.incr(key)
    except ValueError:  # a fresh cache holds no counter yet: start where _counter would
        cache.set(key, secrets.randbelow(2**40) + 2, None)


def content_changed():
    bump(CONTENT_VERSION_KEY)


def _counter(key):
    version = _read_with_request(key)
    if version is _UNREAD:
        version = cache.get(key)
    if version is None:  # the cache has none (read with the request, or just now): start one
        # Missing (a new or flushed cache, or evicted): start from a number never handed out before, so
        # nothing kept under an earlier version can be taken for current.
        cache.add(key, secrets.randbelow(2**40) + 2, None)
        version = cache.get(key) or 1
        memo = getattr(current_request.get(), "cache_versions", None)
        if memo is not None:
            memo[key] = version
    return version


def content_version():
    return _counter(CONTENT_VERSION_KEY)


def everything_version():
    return _counter(EVERYTHING_VERSION_KEY)


def addresses_version():
    return _counter(ADDRESSES_VERSION_KEY)
