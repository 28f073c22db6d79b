"""Caching of public pages, for shared caches (HTTP headers) and in the application cache.

Anonymous readers all get the same page, so a page is cached under a key made of its
address and the *content versions* it depends on: a site-wide version (any story,
category, author, tag or correction changed) and, for a story page, that story's own
version (its comments were moderated; articles/caching.py keeps those). A change bumps a
version; the old keys become unreachable at once and expire by themselves, so there is
never a scan or a wildcard delete. The same versions give each page its ETag and Last-Modified.

Scheduled stories (published, with a future publication time) change pages without a save.
Next to the site version the cache keeps its *schedule*: the next publication time still to
come, looked up with one indexed query whenever the site version is bumped. Just after that
time (app servers' clocks may differ a little), every app server folds it into the site
version the same way, from the same cached values, with no job to run; one of them looks up
the following time. Public pages tell shared caches to keep them no longer than the next
publication time. The times come from the app that schedules content (articles registers
its lookup with `register_publication_times` when it starts), so this module imports no app.

A request that carries a session cookie (a logged-in editor or moderator) bypasses all of
this and gets `Cache-Control: private, no-store`. The session itself is never read for
anonymous readers, so their pages set no cookie and do not vary by cookie.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from newsroom.db_router import read_from_primary, replica_lags_behind

SITE_VERSION_KEY = "content-version:site"
# (site version it belongs to, publication time folded into the site version, next one or None)
SCHEDULE_KEY = "content-version:schedule"
# A publication time turns the versions over this long after it, so that an app server whose
# clock lags by less already shows the story when it renders a page under the new versions.
CLOCK_SKEW_ALLOWANCE = 1.0
# While one process looks up the next publication time, the others wait this long at most.
TURNOVER_LOCK_SECONDS = 10
# Headers a cached page keeps; per-response ones (CSP, cookies) are added again each time.
KEPT_HEADERS = {"content-type", "content-language", "x-robots-tag"}


class Versions(list):
    """Content versions, and the epoch time until which a page made with them stays current:
    the next publication time (None: nothing is scheduled)."""

    def __init__(self, stamps, fresh_until=None):
        super().__init__(stamps)
        self.fresh_until = fresh_until


def read_versions(*keys):
    """The site version with its schedule folded in, then the versions under `keys`: one round
    trip, and no query unless the schedule was lost or a publication time has just passed."""
    found = cache.get_many([SITE_VERSION_KEY, SCHEDULE_KEY, *keys])
    stored, *others = [_known_or_restarted(key, found.get(key)) for key in (SITE_VERSION_KEY, *keys)]
    site, fresh_until = _scheduled(stored, found.get(SCHEDULE_KEY))
    return Versions([*site, *others], fresh_until)


def _known_or_restarted(key, version):
    """A version is the time of the last change; a lost one restarts at 'now' (safe: it only
    makes older cache entries unreachable)."""
    if version is None:
        version = time.time()
        cache.add(key, version, timeout=None)
        version = cache.get(key, version)
    return version


def _scheduled(stored, schedule):
    """The site version as (stored version, publication time folded in), and until when a page
    made with it stays current.

    Every process derives the same pair from the same cached values and the clock, so app
    servers agree without talking to each other.
    """
    now = time.time()
    if schedule is None or schedule[0] != stored:
        schedule = _fresh_schedule(stored, now)
    _, folded, due = schedule
    if due is None:
        return (stored, folded), None
    if now < due + CLOCK_SKEW_ALLOWANCE:
        return (stored, folded), due
    return (stored, due), _turn_over(stored, due, now)


def _fresh_schedule(stored, now):
    """The schedule of a site version whose schedule was lost (evicted, or Redis restarted):
    the last publication time already passed is folded in, so versions never go back."""
    cutoff = now - CLOCK_SKEW_ALLOWANCE
    folded = _last_publication(after=stored, upto=cutoff) if stored < cutoff else None
    schedule = (stored, folded or 0.0, _first_publication(after=cutoff))
    cache.set(SCHEDULE_KEY, schedule, timeout=None)
    return schedule


def _turn_over(stored, due, now):
    """Fold `due`, which has come, into the schedule and look up the next publication time,
    which it returns. One process per due time runs the query; the others meanwhile fold the
    same time in, and tell shared caches not to keep their page (the next time is unknown)."""
    lock = f"{SCHEDULE_KEY}:turning:{stored}:{due}"
    if not cache.add(lock, now, timeout=TURNOVER_LOCK_SECONDS):
        return now
    try:
        following = _first_publication(after=due)
    except Exception:
        cache.delete(lock)  # someone else may try at once
        raise
    # The lock is left to expire: a process that read the schedule before this write skips
    # the query instead of repeating it.
    cache.set(SCHEDULE_KEY, (stored, due, following), timeout=None)
    return following


# lookup(after=epoch, upto=epoch or None, latest=False): the first publication time after
# `after` (with `latest`, the last one up to `upto`), in epoch seconds, or None.
_publication_times = []


def register_publication_times(lookup):
    """Where scheduled publication times come from (one lookup; a later one replaces it)."""
    _publication_times[:] = [lookup]


def _first_publication(*, after):
    """The earliest publication time after epoch time `after` (None: nothing is scheduled)."""
    return _publication_times[0](after=after) if _publication_times else None


def _last_publication(*, after, upto):
    """The latest publication time after `after` and up to `upto`, as `_first_publication`."""
    return _publication_times[0](after=after, upto=upto, latest=True) if _publication_times else None


def bump_version(key):
    """Call when what the version under `key` stands for changes."""
    # Strictly increasing even if two changes land in the same clock tick.
    new = max(time.time(), (cache.get(key) or 0) + 0.001)
    cache.set(key, new, timeout=None)
    return new


def bump_site_version():
    """Call when anything shown on many pages changes (stories, categories, tags...).

    The schedule is looked up again with it (one indexed query, in the process that saves):
    the change may add, move or unschedule a scheduled story.
    """
    now = time.time()
    new = max(now, (cache.get(SITE_VERSION_KEY) or 0) + 0.001)
    schedule = (new, 0.0, _first_publication(after=now))
    # One write, so no reader sees the new version with the old schedule.
    cache.set_many({SITE_VERSION_KEY: new, SCHEDULE_KEY: schedule}, timeout=None)
    return new


def site_versions(request, *args, **kwargs):
    return read_versions()


def time_bucket(seconds):
    """The start of the current period of `seconds` (epoch): a version that renews a page."""
    return int(time.time() // seconds) * seconds


def is_anonymous_request(request):
    """True when no session cookie came in: the request cannot belong to a logged-in user."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def public_page(versions=site_versions):
    """Decorate a GET view whose anonymous response is the same for every reader."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or not is_anonymous_request(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, no_store=True)
                return response
            stamps = versions(request, *args, **kwargs)
            if replica_lags_behind(max(stamps)):
                # Rendered under the new versions, so from data that has the change.
                read_from_primary()
            fresh_until = getattr(stamps, "fresh_until", None)
            fingerprint = hashlib.sha256(
                f"{request.get_full_path()}|{settings.LANGUAGE_CODE}|{stamps}".encode()
            ).hexdigest()[:32]
            etag = f'"{fingerprint}"'
            last_modified = int(max(stamps))
            # Django's own rules: weak ETags (W/"...", as gzip and CDNs send them back) match,
            # If-None-Match wins over If-Modified-Since.
            response = get_conditional_response(request, etag=etag, last_modified=last_modified)
            if response is not None and response.status_code == 304:
                _add_public_headers(response, etag, last_modified, fresh_until)
                return response
            if response is not None:  # 412: its If-Match is not part of any cache key
                patch_cache_control(response, private=True, no_store=True)
                return response
            response = _cached_or_rendered(view, request, fingerprint, args, kwargs)
            if response.status_code == 200:
                _add_public_headers(response, etag, last_modified, fresh_until)
            else:
                max_age, _ = _freshness(settings.PUBLIC_CACHE_ERROR_MAX_AGE, 0, fresh_until)
                patch_cache_control(response, public=True, max_age=max_age)
            return response

        return wrapper

    return decorator


def _cached_or_rendered(view, request, fingerprint, args, kwargs):
    key = f"page:{fingerprint}"
    if settings.PAGE_CACHE_SECONDS:
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return response
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if settings.PAGE_CACHE_SECONDS and response.status_code == 200 and not response.streaming:
        headers = {name: value for name, value in response.items() if name.lower() in KEPT_HEADERS}
        cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
    return response


def _add_public_headers(response, etag, last_modified, fresh_until):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    max_age, stale = _freshness(
        settings.PUBLIC_CACHE_MAX_AGE, settings.PUBLIC_CACHE_STALE_WHILE_REVALIDATE, fresh_until
    )
    # Shared caches (nginx, a CDN) keep a page for a second at most, then revalidate it with
    # its ETag (a 304 costs the app no rendering): a moderator's approval reaches every reader
    # within a second, while browsers keep their copy for max-age.
    shared = min(settings.PUBLIC_CACHE_SHARED_MAX_AGE, max_age)
    patch_cache_control(response, public=True, max_age=max_age, s_maxage=shared, stale_while_revalidate=stale)


def _freshness(max_age, stale, fresh_until):
    """`max-age` and `stale-while-revalidate` cut so that a shared cache neither keeps nor
    serves the page past the next publication time."""
    if fresh_until is None:
        return max_age, stale
    left = max(int(fresh_until - time.time()), 0)  # rounded down: never past that time
    max_age = min(max_age, left)
    return max_age, min(stale, left - max_age)
