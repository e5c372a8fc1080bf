"""The content version: a counter that moves whenever something readers can see changes (a publish,
unpublish, move or delete, a product, offer or approved review; pagecache.changes moves it). Whatever is
worked out from many pages at once (search's catalogue and rankings, the article index's order) is kept
under it, so it is worked out again after a change and never before."""

import secrets

from django.core.cache import cache

CONTENT_VERSION_KEY = "pagecache:content"


def bump(key):
    try:
        cache.incr(key)
    except ValueError:  # a fresh cache holds no counter yet
        cache.set(key, 2, None)


def content_changed():
    bump(CONTENT_VERSION_KEY)


def content_version():
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        # Missing (a new or flushed cache, or evicted): start from a number never handed out before, so
        # nothing kept under an earlier version can be taken for current.
        cache.add(CONTENT_VERSION_KEY, secrets.randbelow(2**40) + 2, None)
        version = cache.get(CONTENT_VERSION_KEY) or 1
    return version
