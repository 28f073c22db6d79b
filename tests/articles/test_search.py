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
    story.refresh_search_document()
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


@on_postgres
def test_only_the_most_recent_matches_are_ranked(monkeypatch):
    """A word in thousands of stories costs no more than one in RANKED_MATCHES: the best of
    the most recent matches come first, older ones are left out."""
    monkeypatch.setattr("articles.search.RANKED_MATCHES", 2)
    oldest = make_story("Remittances, remittances", published_at=timezone.now() - timedelta(days=3))
    in_body = make_story(
        "Trade report", body="<p>Remittances grew.</p>", published_at=timezone.now() - timedelta(days=1)
    )
    in_headline = make_story("Remittances to Mexico", published_at=timezone.now() - timedelta(days=2))
    assert list(search_stories("remittances")) == [in_headline, in_body]
    assert oldest in matching_stories("remittances")


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
