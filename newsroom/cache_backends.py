"""Redis cache that degrades instead of failing when Redis is unreachable.

While Redis is down, reads miss, writes are dropped and counters start from nothing:
pages are rendered without the page cache, the comment rate limit lets comments through
(the other spam rules and moderation still apply), and failed-login counting pauses.
Each failure is logged. Short socket timeouts keep requests from hanging on a dead server.

It also keeps one Redis client per connection pool: Django's client builds a new one for
every call, which was a third of the time of a page served from the cache.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


def _degrading(method_name, fallback):
    method = getattr(RedisCache, method_name)

    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNAVAILABLE as error:
            logger.warning("Cache unavailable during %s: %s", method_name, error)
            if isinstance(fallback, type) and issubclass(fallback, Exception):
                raise fallback(f"cache unavailable: {error}") from None
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    wrapper.__name__ = method_name
    return wrapper


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        # A redis.Redis is safe to share between threads: it takes a connection from the
        # pool for each command.
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    get = _degrading("get", lambda key, default=None, version=None: default)
    get_many = _degrading("get_many", {})
    has_key = _degrading("has_key", False)
    add = _degrading("add", False)
    set = _degrading("set", None)
    set_many = _degrading("set_many", [])
    touch = _degrading("touch", False)
    delete = _degrading("delete", False)
    delete_many = _degrading("delete_many", None)
    incr = _degrading("incr", ValueError)  # as for a missing key: callers start a new count
    clear = _degrading("clear", False)
