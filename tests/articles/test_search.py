"""Search: PostgreSQL full-text search with ranking and an index, a plain match elsewhere."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.utils import timezone

from articles.models import RoundupItem, Story
from articles.search import matching_stories, search_stories
from tests.factories import make_story

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(not settings.DATABASE_IS_POSTGRES, reason="PostgreSQL full-text search")


def test_every_word_must_match():
    both = make_story("Sanctions on the cartel", body="<p>Treasury acted.</p>")
    make_story("Sanctions elsewhere", body="<p>Nothing about it.</p>")
    assert list(search_stories("sanctions treasury")) == [both]


def test_round_up_item_text_is_searchable():
    story = make_story("Weekly round-up", body="")
    RoundupItem.objects.create(
        story=story, headline="Coalition", body="<p>INTERPOL joined.</p>", source_line="State"
    )
    assert list(search_stories("interpol")) == [story]


def test_unpublished_stories_are_never_found():
    make_story("Secret draft about fentanyl", status="draft", published_at=None)
    assert list(search_stories("fentanyl")) == []


@on_postgres
def test_headline_matches_rank_above_body_matches():
    in_body = make_story("Trade report", body="<p>Remittances grew again this year.</p>")
    in_headline = make_story("Remittances to Mexico", body="<p>A look at the figures.</p>")
    assert list(search_stories("remittances")) == [in_headline, in_body]


@on_postgres
def test_web_search_syntax_excludes_words():
    wanted = make_story("Border fentanyl seizure")
    make_story("Border trade figures")
    assert list(search_stories("border -trade")) == [wanted]


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@on_postgres
def test_among_headline_matches_and_among_body_matches_the_newest_come_first():
    old_in_headline = make_story("Remittances fall", published_at=days_ago(4))
    new_in_headline = make_story("Remittances rise", published_at=days_ago(3))
    old_in_body = make_story("Trade report", body="<p>Remittances grew.</p>", published_at=days_ago(2))
    new_in_body = make_story("Peso report", body="<p>Remittances again.</p>", published_at=days_ago(1))
    assert list(search_stories("remittances")) == [new_in_headline, old_in_headline, new_in_body, old_in_body]


@on_postgres
def test_a_headline_match_is_a_whole_word_match():
    in_headline = make_story("Port of Manzanillo reopens", published_at=days_ago(2))
    # "Transport" and "report" hold "port" but not as a word: a body match only.
    in_body = make_story("Transport report", body="<p>The port was closed.</p>", published_at=days_ago(1))
    assert list(search_stories("PORT")) == [in_headline, in_body]


@on_postgres
def test_a_headline_match_holds_every_searched_word_but_not_the_excluded_ones():
    both = make_story("Fentanyl seizure at the border", published_at=days_ago(3))
    one = make_story("Border crossing", body="<p>Fentanyl found.</p>", published_at=days_ago(1))
    make_story("Border trade and fentanyl", published_at=days_ago(2))
    assert list(search_stories("border fentanyl -trade")) == [both, one]


@on_postgres
def test_only_the_most_recent_matches_are_ranked(monkeypatch):
    """A word in thousands of stories costs little more than one in RANKED_MATCHES: the best
    of the most recent matches come first, older ones are left out."""
    monkeypatch.setattr("articles.search.RANKED_MATCHES", 2)
    oldest = make_story("Remittances, remittances", published_at=days_ago(4))
    in_body = [
        make_story(f"Report {n}", body="<p>Grew: remittances.</p>", published_at=days_ago(n))
        for n in (1, 2, 3)
    ]
    # The one more than RANKED_MATCHES tells the reader that more stories match.
    assert list(search_stories("remittances")) == in_body
    assert oldest in matching_stories("remittances")


def test_the_count_of_matches_is_shown_on_every_page(client):
    for n in range(23):
        make_story(f"Remittances report {n}", published_at=days_ago(n + 1))
    make_story("Trade figures")
    first = client.get("/search/", {"q": "remittances"}).text
    second = client.get("/search/", {"q": "remittances", "page": 2}).text
    assert "23 stories match" in first and "23 stories match" in second
    assert first.count('class="card"') == 20 and second.count('class="card"') == 3
    assert "Remittances report 0" in first and "Remittances report 22" in second


@on_postgres
def test_postgres_search_uses_the_full_text_index():
    template = make_story("Template")
    Story.objects.bulk_create(
        Story(
            headline=f"Story {n}",
            slug=f"bulk-{n}",
            status="published",
            published_at=template.published_at,
            primary_category=template.primary_category,
            search_document=f"ordinary words number {n}",
        )
        for n in range(3000)
    )
    Story.objects.refresh_search_vectors()
    make_story("Rare fentanyl story")
    matching = Story.objects.filter(
        search_vector=SearchQuery("fentanyl", search_type="websearch", config="simple")
    )
    assert [s.headline for s in search_stories("fentanyl")] == ["Rare fentanyl story"]
    sql, params = matching.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_story")
        # On a small table a sequential scan is cheaper; the question is whether the
        # index can serve the query at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "story_search_vector_idx" in plan, plan
