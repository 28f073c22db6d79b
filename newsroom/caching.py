"""Caching of public pages, for shared caches (HTTP headers) and in the application cache.

Anonymous readers all get the same page, so a page is cached under a key made of its
address and the *content versions* it depends on: a site-wide version (any story,
category, author, tag or correction changed) and, for a story page, that story's own
version (its comments were moderated). A change bumps a version; the old keys become
unreachable at once and expire by themselves, so there is never a scan or a wildcard
delete. The same versions give each page its ETag and Last-Modified.

A request that carries a session cookie (a logged-in editor or moderator) bypasses all of
this and gets `Cache-Control: private, no-store`. The session itself is never read for
anonymous readers, so their pages set no cookie and do not vary by cookie.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe

SITE_VERSION_KEY = "content-version:site"
# Headers a cached page keeps; per-response ones (CSP, cookies) are added again each time.
KEPT_HEADERS = {"content-type", "content-language", "x-robots-tag"}


def _story_version_key(story_id):
    return f"content-version:story:{story_id}"


def _read_versions(*keys):
    """The versions under `keys`, read in one round trip. A version is the time of the last
    change; a lost one restarts at 'now' (safe: it only makes older cache entries
    unreachable)."""
    found = cache.get_many(keys)
    versions = []
    for key in keys:
        version = found.get(key)
        if version is None:
            version = time.time()
            cache.add(key, version, timeout=None)
            version = cache.get(key, version)
        versions.append(version)
    return versions


def _bump(key):
    # Strictly increasing even if two changes land in the same clock tick.
    new = max(time.time(), (cache.get(key) or 0) + 0.001)
    cache.set(key, new, timeout=None)
    return new


def bump_site_version():
    """Call when anything shown on many pages changes (stories, categories, tags...)."""
    return _bump(SITE_VERSION_KEY)


def bump_story_version(story_id):
    """Call when only one story's page changes (its comments were moderated)."""
    return _bump(_story_version_key(story_id))


def site_versions(request, *args, **kwargs):
    return _read_versions(SITE_VERSION_KEY)


def story_versions_by_slug(request, slug, *args, **kwargs):
    """The site version, the story's own, and a time bucket.

    The bucket renews the page (and the comment form's signed token in it) at least every
    half token lifetime, even for a browser that would otherwise keep getting 304s.
    """
    from articles.models import Story

    story_id = cache.get(f"story-id:{slug}")
    if story_id is None:
        story_id = Story.objects.filter(slug=slug).values_list("pk", flat=True).first() or 0
        cache.set(f"story-id:{slug}", story_id, timeout=300)
    bucket = max(settings.COMMENT_TOKEN_MAX_AGE // 2, 60)
    versions = _read_versions(SITE_VERSION_KEY, _story_version_key(story_id))
    return [*versions, int(time.time() // bucket) * bucket]


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
            fingerprint = hashlib.sha256(
                f"{request.get_full_path()}|{settings.LANGUAGE_CODE}|{stamps}".encode()
            ).hexdigest()[:32]
            etag = f'"{fingerprint}"'
            last_modified = int(max(stamps))
            if _not_modified(request, etag, last_modified):
                response = HttpResponseNotModified()
                _add_public_headers(response, etag, last_modified)
                return response
            response = _cached_or_rendered(view, request, fingerprint, args, kwargs)
            if response.status_code == 200:
                _add_public_headers(response, etag, last_modified)
            else:
                patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_ERROR_MAX_AGE)
            return response

        return wrapper

    return decorator


def _not_modified(request, etag, last_modified):
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        return etag in parse_etags(if_none_match) or if_none_match.strip() == "*"
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and last_modified <= since


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


def _add_public_headers(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PUBLIC_CACHE_MAX_AGE,
        stale_while_revalidate=settings.PUBLIC_CACHE_STALE_WHILE_REVALIDATE,
    )
