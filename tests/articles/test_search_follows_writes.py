"""Search follows every write that changes what a story is found by (admin's forms, round-up
items, publishing and withdrawing, a new publication time), and reads the archive a year at
a time."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import RoundupItem, Story
from articles.search import search_stories
from tests.articles.test_admin import story_form
from tests.editorial.helpers import change_url, open_form, staff_client
from tests.factories import make_story

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(not settings.DATABASE_IS_POSTGRES, reason="PostgreSQL full-text search")


@pytest.fixture
def editor():
    return staff_client(Client, "search-editor")


def found(client, words):
    return client.get("/search/", {"q": words}).text


def test_a_story_an_editor_publishes_in_admin_is_found_by_its_text_and_items(editor, client):
    data = story_form(tags=[], body="<p>Agents seized precursor chemicals.</p>")
    assert editor.post(reverse("admin:articles_story_add"), data).status_code == 302
    assert "Joint operation takes down border network" in found(client, "precursor")
    assert "Joint operation takes down border network" in found(client, "ninety countries")  # its item


def test_an_edited_headline_and_item_are_found_and_the_old_words_are_not(editor, client):
    story = make_story("Draft about remittances", status="draft", published_at=None)
    RoundupItem.objects.create(story=story, headline="Coalition", body="<p>INTERPOL joined.</p>",
                               source_line="State")  # fmt: skip
    data = open_form(editor, story)
    data.update(headline="Money transfers to Mexico", status="published",
                published_at_0="2024-05-02", published_at_1="10:00:00")  # fmt: skip
    data["items-0-body"] = "<p>EUROPOL joined.</p>"
    assert editor.post(change_url(story), data).status_code == 302
    assert "Money transfers to Mexico" in found(client, "transfers")
    assert "Money transfers to Mexico" in found(client, "europol")
    assert "0 stories match" in found(client, "interpol")
    assert "0 stories match" in found(client, "remittances")


def test_a_deleted_round_up_item_takes_its_words_with_it(client):
    story = make_story("Weekly round-up", body="")
    item = RoundupItem.objects.create(story=story, headline="Sanctions", body="<p>Chapitos named.</p>",
                                      source_line="Treasury")  # fmt: skip
    assert list(search_stories("chapitos")) == [story]
    item.delete()
    assert list(search_stories("chapitos")) == []


def test_a_withdrawn_story_is_not_found_and_a_republished_one_is():
    story = make_story("Fentanyl seizure in Nogales")
    story.withdraw()
    assert list(search_stories("fentanyl")) == []
    story.publish()
    assert list(search_stories("fentanyl")) == [story]


def test_a_story_is_deleted_with_its_round_up_items():
    story = make_story("Weekly round-up", body="")
    RoundupItem.objects.create(
        story=story, headline="Sanctions", body="<p>Named.</p>", source_line="Treasury"
    )
    story.delete()
    assert not Story.objects.exists() and not RoundupItem.objects.exists()


def years_ago(years, days=0):
    return timezone.now() - timedelta(days=365 * years + days)


@on_postgres
def test_the_most_recent_matches_are_ranked_across_years(monkeypatch):
    """The search reads a year at a time, newest first, then the years before those it reads
    one by one; the matches it ranks are the most recent ones wherever they fall."""
    monkeypatch.setattr("articles.search.RANKED_MATCHES", 3)
    dates = [years_ago(0, days=1), years_ago(1), years_ago(3), years_ago(4), years_ago(15), years_ago(20)]
    stories = [make_story(f"Report {n}", body="<p>Remittances grew.</p>", published_at=when)
               for n, when in enumerate(dates)]  # fmt: skip
    assert list(search_stories("remittances")) == stories[:4]
    monkeypatch.setattr("articles.search.RANKED_MATCHES", 4)
    assert list(search_stories("remittances")) == stories[:5]  # one from before the years read one by one


@on_postgres
def test_a_story_moved_to_another_year_is_found_in_its_new_place(monkeypatch):
    monkeypatch.setattr("articles.search.RANKED_MATCHES", 1)
    recent = make_story("Trade report", body="<p>Remittances grew.</p>", published_at=years_ago(0, days=2))
    last_year = make_story("Aid report", body="<p>Remittances fell.</p>", published_at=years_ago(1))
    moved = make_story("Peso report", body="<p>Remittances again.</p>", published_at=years_ago(3))
    assert list(search_stories("remittances")) == [recent, last_year]  # and one more match
    moved.published_at = years_ago(0, days=1)
    moved.save()
    assert list(search_stories("remittances")) == [moved, recent]


@on_postgres
def test_the_year_a_story_is_filed_under_cannot_be_searched_for(client):
    make_story("Trade report", published_at=years_ago(0, days=1))
    year = timezone.now().year
    for words in (f"_y{year}", f"y{year}", str(year)):
        assert "0 stories match" in found(client, words), words


@on_postgres
def test_a_search_without_words_finds_nothing(client):
    make_story("Trade report", published_at=years_ago(0, days=1))
    for words in ("!!!", "- ,", '""'):
        assert "0 stories match" in found(client, words), words
