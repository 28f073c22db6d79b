"""A scheduled story (published, with a future publication time) appears at its time on every
cached page and through every ETag, with no job to run and no query per request."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Story
from newsroom import caching
from tests.factories import make_author, make_category, make_story

pytestmark = pytest.mark.django_db

DUE_IN = 30  # seconds from the start of each test to the scheduled story's time
# The site's own versions turn over this long after the time, whatever the shared caches do.
PAST_DUE = DUE_IN + caching.CLOCK_SKEW_ALLOWANCE + 0.5


class Clock:
    """One stopped clock for the page cache's versions and for Django's `timezone.now()`."""

    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now

    def datetime(self):
        return datetime.fromtimestamp(self.now, tz=UTC)

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch, settings):
    """Stopped 17 s into a period of the story page's time bucket (see tests/test_caching.py),
    with the application cache on."""
    settings.PAGE_CACHE_SECONDS = 300
    bucket = max(settings.COMMENT_TOKEN_MAX_AGE // 2, 60)
    stopped = Clock(1_800_000_000 // bucket * bucket + 17.0)
    monkeypatch.setattr(caching, "time", stopped)
    monkeypatch.setattr(timezone, "now", stopped.datetime)
    return stopped


@pytest.fixture
def author():
    return make_author("Ana Reyes", slug="ana-reyes")


@pytest.fixture
def scheduled(clock, author):
    """A story due DUE_IN seconds from now, next to one published yesterday in its category."""
    desk = make_category("Desk", slug="desk")
    make_story("Yesterday's news", category=desk, published_at=clock.datetime() - timedelta(days=1))
    return make_story(
        "Embargoed report",
        slug="embargoed-report",
        category=desk,
        authors=[author],
        tags=["embargo"],
        published_at=clock.datetime() + timedelta(seconds=DUE_IN),
    )


LISTINGS = [
    "/",
    "/category/desk/",
    "/tag/embargo/",
    "/author/ana-reyes/",
    "/archive/{year}/{month}/",
    "/feeds/rss/",
    "/feeds/atom/",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/search/?q=embargoed",
]
SHOWN = "/story/embargoed-report/"  # the story's address, in every listing that shows it


def max_age(response):
    return int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))


def stale_while_revalidate(response):
    found = re.search(r"stale-while-revalidate=(\d+)", response["Cache-Control"])
    return int(found.group(1)) if found else 0


def len_queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def reschedule(story, clock, seconds):
    story.published_at = clock.datetime() + timedelta(seconds=seconds)
    story.save()


def test_scheduled_story_joins_the_related_stories_of_the_cached_story_page_at_its_time(
    client, scheduled, clock
):
    """Its place in the other story's related list is stored when it is scheduled; the page
    shows it once it is due, with no ranking at that time."""
    neighbour = Story.objects.get(headline="Yesterday's news").get_absolute_url()
    assert SHOWN not in client.get(neighbour).text
    clock.advance(DUE_IN - 1)
    assert SHOWN not in client.get(neighbour).text
    clock.advance(PAST_DUE - (DUE_IN - 1))
    assert SHOWN in client.get(neighbour).text


def test_scheduled_story_appears_on_the_cached_front_page_at_its_time(client, scheduled, clock):
    assert SHOWN not in client.get("/").text
    clock.advance(DUE_IN - 1)
    assert SHOWN not in client.get("/").text
    clock.advance(PAST_DUE - (DUE_IN - 1))
    assert SHOWN in client.get("/").text


@pytest.mark.parametrize("url", LISTINGS)
def test_scheduled_story_appears_on_every_cached_listing_and_feed_at_its_time(client, scheduled, clock, url):
    url = url.format(year=scheduled.published_at.year, month=scheduled.published_at.month)
    before = client.get(url)
    assert before.status_code == 200 and SHOWN not in before.text
    clock.advance(PAST_DUE)
    after = client.get(url)
    assert after.status_code == 200 and SHOWN in after.text
    assert after["ETag"] != before["ETag"]


def test_scheduled_story_page_is_found_at_its_time_and_not_before(client, scheduled, clock):
    early = client.get(SHOWN)
    assert early.status_code == 404
    # A proxy must not keep the "not found" past the time.
    assert "public" not in early.get("Cache-Control", "") or max_age(early) <= DUE_IN
    clock.advance(PAST_DUE)
    on_time = client.get(SHOWN)
    assert on_time.status_code == 200 and "Embargoed report" in on_time.text


@pytest.mark.parametrize("url", ["/", "/feeds/rss/", "/sitemap.xml"])
def test_revalidating_with_the_etag_from_before_the_time_gets_the_new_page(client, scheduled, clock, url):
    before = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
    clock.advance(PAST_DUE)
    revalidated = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert revalidated.status_code == 200 and SHOWN in revalidated.text
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert since.status_code == 200


@pytest.mark.parametrize(
    "due_in, expected", [(30, (30, 0)), (70, (60, 10)), (100, (60, 30)), (1000, (60, 30))]
)
def test_shared_caches_keep_pages_no_longer_than_the_next_publication_time(client, clock, due_in, expected):
    make_story("Embargoed report", published_at=clock.datetime() + timedelta(seconds=due_in))
    for url in ["/", "/feeds/rss/", "/sitemap.xml"]:
        response = client.get(url)
        assert (max_age(response), stale_while_revalidate(response)) == expected, url
    clock.advance(due_in - 10)
    assert max_age(client.get("/")) + stale_while_revalidate(client.get("/")) <= 10


def test_pages_are_kept_as_usual_when_nothing_is_scheduled(client, clock):
    make_story("Old news", published_at=clock.datetime() - timedelta(hours=1))
    response = client.get("/")
    expected = (settings.PUBLIC_CACHE_MAX_AGE, settings.PUBLIC_CACHE_STALE_WHILE_REVALIDATE)
    assert (max_age(response), stale_while_revalidate(response)) == expected


def test_between_its_time_and_the_turnover_shared_caches_keep_nothing(client, scheduled, clock):
    """The site turns over a moment after the time (app servers' clocks may differ a little);
    meanwhile a proxy must not store the page from before."""
    clock.advance(DUE_IN + caching.CLOCK_SKEW_ALLOWANCE / 2)
    assert max_age(client.get("/")) == 0


def test_unscheduling_a_story_keeps_it_off_the_cached_pages(client, scheduled, clock):
    client.get("/")
    scheduled.status = Story.Status.DRAFT
    scheduled.save()
    after_save = client.get("/")
    clock.advance(PAST_DUE)
    later = client.get("/", HTTP_IF_NONE_MATCH=after_save["ETag"])
    assert later.status_code == 304  # nothing is due any more: no needless turnover
    assert SHOWN not in client.get("/").text
    assert max_age(client.get("/")) == settings.PUBLIC_CACHE_MAX_AGE


def test_moving_a_scheduled_story_later_moves_its_appearance(client, scheduled, clock):
    reschedule(scheduled, clock, 90)
    assert SHOWN not in client.get("/feeds/rss/").text
    clock.advance(PAST_DUE)
    assert SHOWN not in client.get("/feeds/rss/").text
    clock.advance(60)
    assert SHOWN in client.get("/feeds/rss/").text


def test_moving_a_scheduled_story_earlier_moves_its_appearance(client, scheduled, clock):
    client.get("/category/desk/")
    reschedule(scheduled, clock, 5)
    assert max_age(client.get("/category/desk/")) <= 5
    clock.advance(5 + caching.CLOCK_SKEW_ALLOWANCE + 0.5)
    assert SHOWN in client.get("/category/desk/").text


def test_stories_due_one_after_the_other_each_appear_at_their_time(client, scheduled, clock):
    make_story(
        "Second embargo",
        slug="second-embargo",
        published_at=clock.datetime() + timedelta(seconds=DUE_IN + 20),
    )
    client.get("/")
    clock.advance(PAST_DUE)
    page = client.get("/")
    assert SHOWN in page.text and "/story/second-embargo/" not in page.text
    assert max_age(page) <= 20
    clock.advance(20)
    assert "/story/second-embargo/" in client.get("/").text


def test_a_cached_page_costs_no_query_before_the_time_and_the_turnover_one(
    client, scheduled, clock, django_assert_num_queries
):
    client.get("/robots.txt")
    first_render = len_queries_of(client, "/")
    with django_assert_num_queries(0):
        client.get("/")  # served from the application cache, as before scheduling existed
        client.get("/robots.txt")
    clock.advance(PAST_DUE)
    # The turnover: the next publication time, looked up once; and robots.txt's own query
    # (whether the News sitemap has stories to name).
    with django_assert_num_queries(2):
        client.get("/robots.txt")
    with django_assert_num_queries(0):
        client.get("/robots.txt")
    assert len_queries_of(client, "/") == first_render  # other pages render, with no turnover query


def test_a_request_arriving_during_the_turnover_runs_no_query_and_is_not_kept_by_proxies(
    client, scheduled, clock, monkeypatch, django_assert_num_queries
):
    """Another app server asking while one looks up the next publication time folds the same
    time in (the same ETag) and tells shared caches not to keep its answer."""
    client.get("/robots.txt")
    look_up = caching._first_publication
    meanwhile = []

    def slow_look_up(*, after):
        with django_assert_num_queries(1):  # robots.txt's own (recent news); no turnover lookup
            meanwhile.append(client.get("/robots.txt"))
        return look_up(after=after)

    monkeypatch.setattr(caching, "_first_publication", slow_look_up)
    clock.advance(PAST_DUE)
    turned = client.get("/robots.txt")
    assert len(meanwhile) == 1 and meanwhile[0]["ETag"] == turned["ETag"]
    assert max_age(meanwhile[0]) == 0


def test_losing_the_schedule_never_brings_back_a_page_from_before(client, scheduled, clock):
    """Redis may evict the schedule (allkeys-lru): the site version must not go back."""
    before = client.get("/")
    clock.advance(PAST_DUE)
    after = client.get("/")
    caching.cache.delete(caching.SCHEDULE_KEY)
    again = client.get("/")
    assert again["ETag"] == after["ETag"] != before["ETag"] and SHOWN in again.text


def test_a_save_turns_the_versions_over_again_when_it_commits(
    client, scheduled, clock, django_capture_on_commit_callbacks
):
    """Until a save commits, other connections read the old rows; what they cache meanwhile
    (pages, the next publication time) must not outlive the commit."""
    with django_capture_on_commit_callbacks() as callbacks:
        reschedule(scheduled, clock, 5)
        during = client.get("/")["ETag"]
    assert callbacks
    for callback in callbacks:
        callback()
    assert client.get("/")["ETag"] != during
