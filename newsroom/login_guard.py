"""Slow down, then lock out, repeated failed admin logins, per client address and per
username. Counts live in the shared cache, so every app server sees the same numbers."""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from newsroom.client_address import client_ip


def _hash(value):
    # The address hashes' own key: a SECRET_KEY rotation does not wipe an attacker's count.
    return salted_hmac(
        "login-guard", value, secret=settings.COMMENTS_IP_HASH_KEY, algorithm="sha256"
    ).hexdigest()


def _keys(request, username):
    address = _hash(client_ip(request))
    name = _hash((username or "").strip().lower())
    return [f"login-failures:ip:{address}", f"login-failures:user:{name}"]


def seconds_to_wait(request, username):
    """How long this login attempt must wait; 0 when it may go ahead."""
    now, waits = time.time(), [0]
    for key in _keys(request, username):
        failures = cache.get(key, 0)
        last_at = cache.get(f"{key}:last", now)
        if failures >= settings.LOGIN_LOCKOUT_AFTER:
            waits.append(last_at + settings.LOGIN_LOCKOUT_SECONDS - now)
        elif failures >= settings.LOGIN_SLOWDOWN_AFTER:
            # 2, 4, 8 ... seconds between attempts once the free attempts are used up.
            waits.append(last_at + 2 ** (failures - settings.LOGIN_SLOWDOWN_AFTER + 1) - now)
    return max(0, round(max(waits)))


def record_failure(request, username):
    for key in _keys(request, username):
        cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
        cache.incr(key)  # atomic on Redis and in local memory
        cache.set(f"{key}:last", time.time(), settings.LOGIN_LOCKOUT_SECONDS)


def clear(request, username):
    cache.delete_many([f"{key}{suffix}" for key in _keys(request, username) for suffix in ("", ":last")])
