"""Hundreds of XSS vectors from public cheat sheets and sanitiser suites, pushed through
every field an editor or reader fills in: none reaches a page able to run."""

import pytest

from articles.models import RoundupItem, Source
from newsroom.sanitize import clean_html, text_to_html
from tests.factories import make_story
from tests.hostile.markup import load_vectors, runnable_parts

VECTORS = load_vectors()
# Database text columns cannot hold NUL (PostgreSQL refuses it; forms reject it first).
STORABLE = [vector.replace("\x00", "") for vector in VECTORS]


def test_the_corpus_is_large_and_varied():
    assert len(set(VECTORS)) >= 150


@pytest.mark.parametrize("vector", VECTORS)
def test_rich_text_keeps_nothing_runnable(vector):
    assert runnable_parts(clean_html(vector)) == []


@pytest.mark.parametrize("vector", VECTORS)
def test_reader_text_keeps_nothing_runnable(vector):
    html = text_to_html(vector)
    assert runnable_parts(html) == []
    assert "<" not in html.replace("<p>", "").replace("</p>", "").replace("<br>", "").replace(
        "<a ", ""
    ).replace("</a>", "")


def story_article(client, story):
    html = client.get(story.get_absolute_url()).text
    return html.split('<article class="story"', 1)[1].split("</article>", 1)[0]


@pytest.mark.django_db
def test_rich_text_fields_render_inert_on_the_story_page(client):
    """Every vector as a story body and as a round-up item body."""
    story = make_story(body=STORABLE[0])
    for n, vector in enumerate(STORABLE):
        RoundupItem.objects.create(
            story=story,
            position=n,
            headline=f"Item {n}",
            body=vector,
            source_line="Source",
            anchor=f"item-{n}",
        )
    assert runnable_parts(story_article(client, story)) == []


@pytest.mark.django_db
def test_plain_text_fields_are_escaped_on_the_story_page(client):
    """Every vector in the headline, standfirst, caption, credit, item headline and source
    line, and a cited work's title and outlet: shown as text, never as markup."""
    story = make_story(
        headline=STORABLE[0][:200],
        standfirst=STORABLE[1][:600],
        image_caption=STORABLE[3][:300],
        image_credit=STORABLE[4][:150],
    )
    for n, vector in enumerate(STORABLE):
        RoundupItem.objects.create(
            story=story,
            position=n,
            headline=vector[:200],
            body="<p>Text</p>",
            source_line=vector[:300],
            anchor=f"item-{n}",
        )
        Source.objects.create(story=story, position=n, title=vector[:300], outlet=vector[:200], language="en")
    article = story_article(client, story)
    assert runnable_parts(article) == []
    for vector in STORABLE:
        if "<" in vector:
            assert vector[:200] not in article
