"""A Redis cache that fails open: if Redis is down, reads miss and writes are dropped, so pages still
render from the database instead of answering 500. It also keeps one Redis client per connection pool,
where Django's backend builds a new one for every command."""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


def _fail_open(default_factory):
    def wrap(method):
        def inner(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            # Only an unreachable or failing server: a missing key for incr() (ValueError) must still reach
            # the caller, which relies on it to start a counter.
            except (RedisError, OSError) as exc:
                log.warning("cache unavailable (%s): %s", method.__name__, exc)
                return default_factory(*args, **kwargs)

        inner.__name__ = method.__name__
        return inner

    return wrap


class SharedClientRedisCacheClient(RedisCacheClient):
    """Django's client makes a ``redis.Redis`` for every command, and each one fills in its table of
    ~170 reply handlers (60 µs, a quarter of a cache read on loopback; a page-cache miss makes several).
    A ``redis.Redis`` takes a connection from its pool for each command and is safe to share between
    threads, so one per pool is enough."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    get = _fail_open(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _fail_open(lambda keys, version=None: {})(RedisCache.get_many)
    set = _fail_open(lambda *a, **k: None)(RedisCache.set)
    add = _fail_open(lambda *a, **k: False)(RedisCache.add)
    set_many = _fail_open(lambda *a, **k: [])(RedisCache.set_many)
    delete = _fail_open(lambda *a, **k: False)(RedisCache.delete)
    delete_many = _fail_open(lambda *a, **k: None)(RedisCache.delete_many)
    incr = _fail_open(lambda key, delta=1, version=None: delta)(RedisCache.incr)
    touch = _fail_open(lambda *a, **k: False)(RedisCache.touch)
    has_key = _fail_open(lambda *a, **k: False)(RedisCache.has_key)
    clear = _fail_open(lambda *a, **k: None)(RedisCache.clear)
