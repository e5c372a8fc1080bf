"""Django's own Redis cache, made safe to lose: pages render without it.

Django's ``RedisCache`` raises when Redis is down, and waits out its read timeout on every command when
Redis accepts connections but never answers (5-28 s a page were seen). Here each command gets the connect
and read timeouts in the settings (a quarter of a second); a failure opens a breaker for ``RETRY_SECONDS``
during which the cache is not asked at all (reads miss, writes are dropped), and the outage is logged once
a minute, not once a request.

A purge that could not reach the cache (its tokens not moved) would leave stale pages behind once the cache
answers again, so the first command that succeeds after a dropped delete moves the ``EVERYTHING`` token."""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from . import tokens

log = logging.getLogger(__name__)

RETRY_SECONDS = 5
LOG_EVERY_SECONDS = 60


class Breaker:
    """One per Redis server and process, shared by every cache alias that uses that server."""

    def __init__(self, location):
        self.location = location
        self.open_until = 0.0
        self.logged_at = None
        self.deletes_lost = False
        self.lock = threading.Lock()

    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self, error, deleting):
        now = time.monotonic()
        with self.lock:
            self.open_until = now + RETRY_SECONDS
            self.deletes_lost = self.deletes_lost or deleting
            if self.logged_at is None or now - self.logged_at >= LOG_EVERY_SECONDS:
                self.logged_at = now
                log.warning(
                    "cache at %s unavailable (%s): serving without it, trying again every %d s",
                    self.location,
                    error,
                    RETRY_SECONDS,
                )


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location):
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = Breaker(location)
        return _breakers[location]


def _fail_open(name, default, deleting=False):
    method_of_django = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        breaker = self.breaker
        if breaker.is_open():
            breaker.deletes_lost = breaker.deletes_lost or deleting
            return default(*args, **kwargs)
        try:
            if breaker.deletes_lost:
                breaker.deletes_lost = False
                RedisCache.delete_many(self, [tokens.EVERYTHING, tokens.CONTENT])
            return method_of_django(self, *args, **kwargs)
        # A server that is down or doesn't answer. A missing key for incr() (ValueError) still reaches the
        # caller, which relies on it to start a counter.
        except (RedisError, OSError) as error:
            breaker.trip(error, deleting)
            return default(*args, **kwargs)

    method.__name__ = name
    return method


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.breaker = breaker_for(server if isinstance(server, str) else ",".join(server))

    get = _fail_open("get", lambda key, default=None, version=None: default)
    get_many = _fail_open("get_many", lambda keys, version=None: {})
    set = _fail_open("set", lambda *args, **kwargs: None)
    add = _fail_open("add", lambda *args, **kwargs: False)
    set_many = _fail_open("set_many", lambda *args, **kwargs: [])
    touch = _fail_open("touch", lambda *args, **kwargs: False)
    delete = _fail_open("delete", lambda *args, **kwargs: False, deleting=True)
    delete_many = _fail_open("delete_many", lambda *args, **kwargs: None, deleting=True)
    has_key = _fail_open("has_key", lambda *args, **kwargs: False)
    incr = _fail_open("incr", lambda key, delta=1, version=None: delta)
    clear = _fail_open("clear", lambda *args, **kwargs: None, deleting=True)
