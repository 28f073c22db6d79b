"""The public corrections register: every notice, newest first, filtered by kind and
section, with feeds, in the sitemap, cached like every public page."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Story
from tests.articles.test_feeds_and_sitemaps import SCHEMAS, needs_jing, validate
from tests.factories import make_category, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices():
    crime = make_category("Crime", slug="crime")
    organized = make_category("Organized Crime", slug="organized-crime", parent=crime)
    trade = make_category("Trade", slug="trade")
    seizure = make_story("Seizure in Nogales", category=organized)
    tariffs = make_story("Tariff talks", category=trade)
    days_ago = lambda n: timezone.now() - datetime.timedelta(days=n)  # noqa: E731
    return {
        "older": seizure.add_notice("correction", "The operation began on June 23.", at=days_ago(2)),
        "newer": tariffs.add_notice("clarification", "The talks are bilateral.", at=days_ago(1)),
        "hidden": make_story("Embargoed", status=Story.Status.DRAFT).add_notice("update", "Not public yet."),
    }


def test_the_register_lists_public_notices_newest_first_with_links_to_them(client, notices):
    page = client.get("/corrections/").content.decode()
    assert page.index("The talks are bilateral.") < page.index("The operation began on June 23.")
    assert f'href="{notices["older"].get_absolute_url()}"' in page  # the notice's anchor
    assert "Seizure in Nogales" in page
    assert "Not public yet." not in page


def test_the_register_filters_by_kind_and_by_section_with_its_subsections(client, notices):
    by_kind = client.get("/corrections/?kind=clarification").content.decode()
    assert "The talks are bilateral." in by_kind and "June 23" not in by_kind
    by_section = client.get("/corrections/?category=crime").content.decode()
    assert "June 23" in by_section and "bilateral" not in by_section


@pytest.mark.parametrize("query", ["?kind=retraction", "?category=no-such-section", "?page=0", "?page=9"])
def test_unknown_filters_and_pages_are_not_found(client, notices, query):
    assert client.get("/corrections/" + query).status_code == 404


def test_the_register_pages_keep_the_filter(client):
    story = make_story("Many updates")
    for n in range(31):
        story.add_notice("update", f"Update number {n}.")
    first = client.get("/corrections/?kind=update").content.decode()
    assert "Update number 30." in first and "Update number 0." not in first
    assert 'href="?kind=update&amp;page=2"' in first
    assert "Update number 0." in client.get("/corrections/?kind=update&page=2").content.decode()


def test_the_register_is_publicly_cacheable_and_a_new_notice_refreshes_it(client, notices):
    response = client.get("/corrections/")
    assert "public" in response["Cache-Control"] and "sessionid" not in response.cookies
    notices["older"].story.add_notice("update", "A newer figure.")
    fresh = client.get("/corrections/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert fresh.status_code == 200 and "A newer figure." in fresh.content.decode()


def test_the_register_is_linked_from_every_page_and_from_a_storys_notices(client, notices):
    assert 'href="/corrections/"' in client.get("/").content.decode()
    story_page = client.get(notices["older"].story.get_absolute_url()).content.decode()
    notices_part = story_page.split('class="notices"')[1].split("</aside>")[0]
    assert 'href="/corrections/"' in notices_part


def test_the_register_is_in_the_sitemap(client, notices):
    assert "https://news.example.org/corrections/</loc>" in client.get("/sitemap.xml").content.decode()


@needs_jing
@pytest.mark.parametrize(
    "url, schema", [("/corrections/feed/rss/", "rss2.rnc"), ("/corrections/feed/atom/", "atom.rnc")]
)
def test_the_register_feeds_validate_and_carry_each_notice(client, notices, tmp_path, url, schema):
    content = client.get(url).content
    validate(tmp_path, "feed.xml", content, ["jing", "-c", str(SCHEMAS / schema)])
    text = content.decode()
    assert "Clarification: Tariff talks" in text and "Not public yet." not in text
    assert f"https://news.example.org{notices['newer'].get_absolute_url()}" in text


def test_the_register_runs_the_same_queries_for_1_and_30_notices(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    deep = make_category("Organized Crime", parent=make_category("Crime", parent=make_category("World")))
    make_story(category=deep).add_notice("correction", "One.")
    with CaptureQueriesContext(connection) as one:
        client.get("/corrections/")
    for n in range(29):
        make_story(category=deep).add_notice("update", f"Notice {n}.")
    with CaptureQueriesContext(connection) as thirty:
        assert "Notice 28." in client.get("/corrections/").content.decode()
    assert len(thirty) == len(one)
