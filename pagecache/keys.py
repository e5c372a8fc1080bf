"""Cache keys for whole pages: which query parameters count, and the counters that drop pages.

A page is stored under its scheme, host, path and only the query parameters its view reads. Tracking tags
(``?utm_campaign=…``) and made-up names are not read by any view, so they don't make a new entry.

How the parameters a path reads are learned: while a page renders, ``request.GET`` records every name the
view looks up (``ReadTrackingQueryDict``). The names ever read at a path are kept in the cache (``reads``)
and the key holds the request's values for those names, plus a digest of the set itself. An entry is
therefore only found by a request that agrees with the request it was rendered for on every parameter
that render could have looked at: a view that reads ``page`` only when ``q`` is set is still keyed right,
because the set only grows, and an entry made with a smaller set lives under another digest.

Three counters drop pages:
- a token per path (``drop_paths``): the pages a change shows up on, on every host and with any query;
- one version for everything (``drop_everything``): site settings, the menus, a privacy change;
- a content version that search keeps its catalogue under (``content_version``), moved on every change.
"""

import hashlib
import secrets

from django.core.cache import cache
from django.http import QueryDict

from tcmtips.versions import (  # noqa: F401 (re-exported)
    ADDRESSES_VERSION_KEY,
    CONTENT_VERSION_KEY,
    bump,
    content_changed,
    content_version,
    everything_version,
)
from tcmtips.versions import EVERYTHING_VERSION_KEY as VERSION_KEY

ALL = "*"  # the view read the query string as a whole: every parameter counts


def _path_digest(path):
    return hashlib.sha256(path.encode()).hexdigest()[:32]


def token_key(path):
    return f"pagecache:token:{_path_digest(path)}"


def reads_key(path):
    return f"pagecache:reads:{_path_digest(path)}"


class ReadTrackingQueryDict(QueryDict):
    """``request.GET`` that remembers which names were looked up, and whether the whole of it was used
    (``ALL``: iterating, counting, copying or re-encoding it sees every parameter)."""

    def __init__(self, query_string=None, mutable=False, encoding=None):
        self.names_read = set()
        super().__init__(query_string, mutable=mutable, encoding=encoding)
        self.names_read = set()  # filling itself in is not a read


def _reading_one(name):
    parent = getattr(QueryDict, name)

    def method(self, key, *args, **kwargs):
        self.names_read.add(key)
        return parent(self, key, *args, **kwargs)

    return method


def _reading_all(name):
    parent = getattr(QueryDict, name)

    def method(self, *args, **kwargs):
        self.names_read.add(ALL)
        return parent(self, *args, **kwargs)

    return method


for _name in ("__getitem__", "__contains__", "get", "getlist"):
    setattr(ReadTrackingQueryDict, _name, _reading_one(_name))
for _name in ("__iter__", "__len__", "keys", "items", "values", "lists", "dict", "urlencode", "copy"):
    setattr(ReadTrackingQueryDict, _name, _reading_all(_name))


def track_reads(request):
    """Swap in a recording ``request.GET`` before the view runs; returns it."""
    tracked = ReadTrackingQueryDict(request.META.get("QUERY_STRING", ""), encoding=request.encoding)
    request.GET = tracked
    return tracked


def page_key(request, version, token, reads):
    """The entry's key: scheme and host (a page made for https holds https links), path, and the values of
    the parameters in ``reads``, under the version and the path's token."""
    query = request.GET  # read through QueryDict's own methods: forming the key is not the view reading it
    if ALL in reads:
        params = sorted(QueryDict.lists(query))
    else:
        params = [(name, QueryDict.getlist(query, name)) for name in sorted(reads) if dict.__contains__(query, name)]
    raw = "|".join([request.scheme, request.get_host(), request.path, repr(sorted(reads)), repr(params)])
    return f"page:{version}:{token}:{hashlib.sha256(raw.encode()).hexdigest()}"


def lookup_state(path):
    """Version, this path's token and the names read at it, in one cache round trip. A path with no token
    yet gets one (``add``, so two app servers racing agree on a single token)."""
    found = cache.get_many([VERSION_KEY, token_key(path), reads_key(path)])
    token = found.get(token_key(path))
    if token is None:
        fresh = secrets.token_hex(8)
        token = fresh if cache.add(token_key(path), fresh, None) else cache.get(token_key(path)) or fresh
    version = found.get(VERSION_KEY) or everything_version()  # none yet: start it as everything else does
    return version, token, frozenset(found.get(reads_key(path), ()))


def remember_reads(path, known, read_now):
    """Grow the set of names read at ``path``; returns the set the new entry is keyed under."""
    reads = frozenset(known | read_now)
    if reads != known:
        cache.set(reads_key(path), sorted(reads), None)
    return reads


def drop_paths(paths):
    """Drop every cached variant of these site-relative paths, on any host, with any query string."""
    keys = [token_key(path) for path in set(paths)]
    if keys:
        cache.delete_many(keys)


def addresses_changed():
    bump(ADDRESSES_VERSION_KEY)


def drop_everything():
    """Every cached page is stale at once (site settings, menus, a page made private)."""
    bump(VERSION_KEY)
    bump(CONTENT_VERSION_KEY)
