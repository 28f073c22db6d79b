"""The story-specific parts of the page cache (newsroom/caching.py): each story's own content
version, the versions of a story page, and the publication times of scheduled stories."""

from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import router
from django.urls import reverse

from articles.models import Story
from newsroom.caching import Versions, bump_version, read_versions, time_bucket
from newsroom.proxy_refresh import refresh_pages


def _story_version_key(story_id):
    return f"content-version:story:{story_id}"


def bump_story_version(story_id):
    """Call when only one story's page changes (its comments were moderated)."""
    return bump_version(_story_version_key(story_id))


def refresh_story_pages(story_ids):
    """Have the proxy caches fetch these stories' public pages again now (call once their
    change has committed; newsroom/proxy_refresh.py). Nothing without refresh listeners."""
    if not settings.PROXY_CACHE_REFRESH_URLS:
        return
    slugs = Story.objects.published().filter(pk__in=list(story_ids)).values_list("slug", flat=True)
    paths = [reverse("articles:story", kwargs={"slug": slug}) for slug in slugs]
    if paths:
        refresh_pages.enqueue(paths)


def story_versions_by_slug(request, slug, *args, **kwargs):
    """The site version, the story's own, and a time bucket.

    The bucket renews the page (and the comment form's signed token in it) at least every
    half token lifetime, even for a browser that would otherwise keep getting 304s. A
    scheduled story's page turns over at its time with the site version.
    """
    story_id = cache.get(f"story-id:{slug}")
    if story_id is None:
        # From the primary: a lagging replica would not know a story just published yet.
        stories = Story.objects.using(router.db_for_write(Story))
        story_id = stories.filter(slug=slug).values_list("pk", flat=True).first() or 0
        cache.set(f"story-id:{slug}", story_id, timeout=300)
    versions = read_versions(_story_version_key(story_id))
    bucket = time_bucket(max(settings.COMMENT_TOKEN_MAX_AGE // 2, 60))
    return Versions([*versions, bucket], versions.fresh_until)


def publication_time(*, after, upto=None, latest=False):
    """The first publication time after epoch time `after` among stories with status
    published (with `latest`: the last one up to `upto`), in epoch seconds, or None. One
    indexed query; registered with newsroom.caching when the app starts."""
    # From the primary: the saving connection sees its own change, a replica may lag.
    stories = Story.objects.using(router.db_for_write(Story)).filter(
        status=Story.Status.PUBLISHED, published_at__gt=_datetime(after)
    )
    if upto is not None:
        stories = stories.filter(published_at__lte=_datetime(upto))
    found = (
        stories.order_by("-published_at" if latest else "published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return None if found is None else found.timestamp()


def _datetime(epoch):
    return datetime.fromtimestamp(epoch, tz=UTC)
