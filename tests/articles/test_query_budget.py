"""Each page runs a fixed number of SQL queries, whatever it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import RoundupItem, Source
from tests.factories import make_author, make_category, make_story

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def add_stories(count, category, author):
    for n in range(count):
        make_story(
            f"Story {n} of {count}",
            category=category,
            authors=[author, make_author()],
            tags=["border", f"tag-{count}-{n}"],
        )


LISTINGS = [
    "/",
    "/category/section/",
    "/category/desk/",
    "/tag/border/",
    "/author/ana/",
    "/archive/",
    "/search/?q=Story",
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/tag/border/rss/",
    "/sitemap.xml",
    "/news-sitemap.xml",
]


@pytest.mark.parametrize("url", LISTINGS)
def test_listing_query_count_is_the_same_for_1_and_30_stories(client, url):
    desk = make_category("Desk", parent=make_category("Section", slug="section"), slug="desk")
    ana = make_author("Ana", slug="ana")
    # The front page's sections hold only stories not already shown above them (up to
    # eight), so its first count is taken once a section has a story to show.
    first = 9 if url == "/" else 1
    add_stories(first, desk, ana)
    with_first = queries_for(client, url)
    add_stories(30 - first, desk, ana)
    assert queries_for(client, url) == with_first


def test_story_page_query_count_does_not_grow_with_sources_tags_items_or_authors(client):
    small = make_story("Small", tags=["one"])
    big = make_story("Big", tags=[f"tag-{n}" for n in range(20)], authors=[make_author() for _ in range(5)])
    for n in range(20):
        Source.objects.create(
            story=big, position=n, title=f"Work {n}", outlet="Outlet", language="es" if n % 2 else "en"
        )
        RoundupItem.objects.create(
            story=big, position=n, headline=f"Item {n}", body="<p>x</p>", source_line="DOJ"
        )
        big.add_notice("update", f"Notice {n}")
    Source.objects.create(story=small, title="Work", outlet="Outlet")
    assert queries_for(client, big.get_absolute_url()) == queries_for(client, small.get_absolute_url())
