"""Odd query strings on listing, search and feed pages give a page or a 404, never a 500."""

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.factories import make_story

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/category/{category}/",
    "/tag/border/",
    "/author/{author}/",
    "/archive/",
    "/archive/2024/",
    "/search/",
    "/feeds/rss/",
    "/feeds/tag/border/atom/",
    "/sitemap.xml",
    "/comments/story/{story}/feed/",
    "/story/{story}/",
]
ODD_VALUES = [
    "99999999999999999999999",
    "¹",
    "٣",
    "-1",
    "0",
    "1.5",
    "abc",
    "",
    "%00",
    "\x00",
    "ñ",
    "😀",
    "a" * 10_000,
    "1e309",
    "0x10",
    "１２",
    "\u202e",
    "<script>",
    "' OR 1=1 --",
    "[]",
    "{}",
    "null",
]


@pytest.fixture
def urls():
    story = make_story("Border story", tags=["border"])
    author = story.byline_authors[0]
    return [
        page.format(category=story.primary_category.slug, author=author.slug, story=story.slug)
        for page in PAGES
    ]


# Every parameter a public page reads: listing pages, search, and the story's comment pages.
QUERY_PARAMETERS = ("page", "q", "after", "before", "at", "comment")


@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_page_numbers_and_queries_never_break_a_page(client, urls, value):
    for url in urls:
        for param in QUERY_PARAMETERS:
            response = client.get(url, {param: value})
            assert response.status_code in (200, 404), (url, param, response.status_code)


@hypothesis_settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.dictionaries(st.sampled_from([*QUERY_PARAMETERS, "x"]), st.text(max_size=200), max_size=4))
def test_any_query_string_on_search_and_listings_is_answered(client, urls, params):
    for url in urls[:7]:
        assert client.get(url, params).status_code in (200, 404)
