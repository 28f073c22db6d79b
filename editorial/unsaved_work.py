"""Text posted from the story form after the editor's login expired is kept, not lost.

The admin answers such a post with its login page. Before it does, the post is put in the
shared cache under a random key that only this browser holds (a cookie). Once the editor
has signed in again, the story form opens with that text in it, checked but not saved.
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict

COOKIE = "newsroom_unsaved"
KEEP_SECONDS = 24 * 3600
STORY_FORMS = {"articles_story_change", "articles_story_add"}


def _cache_key(token):
    return f"unsaved-admin-post:{token}"


class KeepUnsavedWorkMiddleware:
    """After CsrfViewMiddleware: only a post from the site's own form is kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            request.method != "POST"
            or match is None
            or match.url_name not in STORY_FORMS
            or request.user.is_authenticated
        ):
            return None
        response = view_func(request, *view_args, **view_kwargs)  # the login page or its redirect
        token = secrets.token_urlsafe(24)
        cache.set(_cache_key(token), {"path": request.path, "post": request.POST.urlencode()}, KEEP_SECONDS)
        response.set_cookie(
            COOKIE,
            token,
            max_age=KEEP_SECONDS,
            path="/",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response


def take_unsaved_post(request):
    """The text this browser posted to this form before signing in again, once; else None."""
    token = request.COOKIES.get(COOKIE)
    if not token:
        return None
    kept = cache.get(_cache_key(token))
    if not kept or kept["path"] != request.path:
        return None
    cache.delete(_cache_key(token))
    return QueryDict(kept["post"])
