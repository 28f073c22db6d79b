"""Pages a shared cache can hold, and an application cache that never serves stale content."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date, parse_http_date

from newsroom import caching
from tests.factories import make_story, make_user

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/tag/border/",
    "/archive/",
    "/search/?q=border",
    "/feeds/rss/",
    "/feeds/atom/",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/robots.txt",
]


@pytest.fixture
def story():
    return make_story("Border story", tags=["border"])


class StoppedClock:
    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """The page cache's clock, stopped 17 s into a period of the story page's time bucket:
    two requests then see the same versions even when a real clock would cross into the next
    period between them (the bucket renews the page's comment token)."""
    bucket = max(settings.COMMENT_TOKEN_MAX_AGE // 2, 60)
    stopped = StoppedClock(1_800_000_000 // bucket * bucket + 17.0)
    monkeypatch.setattr(caching, "time", stopped)
    return stopped


@pytest.mark.parametrize("url", PUBLIC_URLS + ["story"])
def test_anonymous_pages_are_public_cacheable_and_cookie_free(client, story, url):
    response = client.get(story.get_absolute_url() if url == "story" else url)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert (
        "public" in cache_control
        and "max-age=60" in cache_control
        and "stale-while-revalidate=30" in cache_control
    )
    # Shared caches revalidate after a second, so a moderator's decision reaches readers
    # behind nginx or a CDN within it.
    assert "s-maxage=1" in cache_control
    assert response["ETag"] and response["Last-Modified"]
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


def test_conditional_requests_get_304(client, story, clock):
    first = client.get(story.get_absolute_url())
    assert client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert (
        client.get(story.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    )
    assert client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_weak_etag_as_gzip_and_cdns_send_it_back_gets_304(client, story, clock):
    url = story.get_absolute_url()
    etag = client.get(url)["ETag"]
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=f"W/{etag}")
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == etag and "public" in not_modified["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='W/"something-else"').status_code == 200


def test_if_modified_since_before_the_last_change_gets_the_page(client, story, clock):
    url = story.get_absolute_url()
    last_modified = parse_http_date(client.get(url)["Last-Modified"])
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(last_modified - 60)).status_code == 200
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(last_modified + 60)).status_code == 304
    # If-None-Match wins: a changed ETag gets the page whatever the date says.
    changed = client.get(url, HTTP_IF_NONE_MATCH='"old"', HTTP_IF_MODIFIED_SINCE=http_date(last_modified))
    assert changed.status_code == 200


def test_a_failed_if_match_is_not_kept_by_shared_caches(client, story, clock):
    response = client.get(story.get_absolute_url(), HTTP_IF_MATCH='"not-this-one"')
    assert response.status_code == 412
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_logged_in_staff_get_private_no_store(client, story):
    client.force_login(make_user("editor", is_staff=True))
    response = client.get("/")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_cached_page_is_served_without_touching_the_database(client, story, clock):
    first = client.get(story.get_absolute_url())
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = client.get(story.get_absolute_url())
    assert again.status_code == 200 and "Border story" in again.text
    assert again["ETag"] == first["ETag"]  # the same content versions, so the same cache entry
    assert len(queries) == 0, [query["sql"][:80] for query in queries]


def test_the_story_page_is_renewed_within_half_the_comment_token_lifetime(client, story, clock):
    """A reader's browser revalidating with its ETag gets a fresh page (and comment token)
    once the token is half-way through its life, even if nothing on the page changed."""
    first = client.get(story.get_absolute_url())
    clock.now += settings.COMMENT_TOKEN_MAX_AGE // 2 - 30
    assert client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    clock.now += 60
    renewed = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert renewed.status_code == 200 and renewed["ETag"] != first["ETag"]


def etag_after(client, url, change):
    before = client.get(url)
    change()
    after = client.get(url)
    assert after["ETag"] != before["ETag"]
    return after


def test_publishing_a_story_refreshes_the_front_page_at_once(client, story):
    after = etag_after(client, "/", lambda: make_story("Breaking: new story"))
    assert "Breaking: new story" in after.text


def test_editing_a_story_refreshes_its_page(client, story):
    def edit():
        story.headline = "Border story, edited"
        story.save()

    assert "Border story, edited" in etag_after(client, story.get_absolute_url(), edit).text


def test_adding_a_correction_refreshes_the_story_page(client, story):
    after = etag_after(
        client, story.get_absolute_url(), lambda: story.add_notice("correction", "Fixed the date.")
    )
    assert "Fixed the date." in after.text


def test_withdrawing_a_story_removes_it_from_cached_listings(client, story):
    after = etag_after(client, "/tag/border/", story.withdraw)
    assert "Border story" not in after.text


def test_application_cache_can_be_turned_off(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(story.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(story.get_absolute_url())
    assert len(queries) > 0


def test_the_cache_machinery_imports_no_app():
    """newsroom/caching.py is shared by every app; the story-specific parts live in articles."""
    source = (Path(settings.BASE_DIR) / "newsroom" / "caching.py").read_text()
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.parse(source).body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    apps = {"articles", "comments", "editorial", "corrections"}
    assert not [name for name in imported if name.split(".")[0] in apps]
    assert "bump_story_version" not in vars(caching)  # articles.caching has it


def test_shared_caches_never_keep_a_page_past_the_next_scheduled_story(client, story, settings):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import make_story

    settings.PUBLIC_CACHE_SHARED_MAX_AGE = 30
    make_story(published_at=timezone.now() + timedelta(seconds=10))
    cache_control = client.get(story.get_absolute_url())["Cache-Control"]
    shared = int(cache_control.split("s-maxage=")[1].split(",")[0])
    assert shared <= 10
