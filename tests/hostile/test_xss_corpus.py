"""Hundreds of XSS vectors from public cheat sheets and sanitiser suites, pushed through
every field an editor or reader fills in: none reaches a page able to run."""

import re

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


EDITOR_PARTS = 6  # a sixth of the corpus a test, so that they can run side by side


def editor_story_form(vector, n, author, category):
    """The story add form as the rich-text editor sends it: the vector as the body, inside a
    round-up item's body and a new correction notice's text (both must not end up empty)."""
    from tests.articles.test_admin import inline_management

    return {
        "headline": f"Story {n}",
        "slug": f"story-{n}",
        "body": vector,
        "primary_category": str(category.pk),
        "status": "draft",
        **inline_management("bylines", 1),
        "bylines-0-author": str(author.pk),
        "bylines-0-position": "0",
        **inline_management("items", 1),
        "items-0-headline": "Item",
        "items-0-position": "0",
        "items-0-body": vector + "<p>kept</p>",
        **inline_management("sources", 0),
        **inline_management("corrections", 1),
        "corrections-0-kind": "correction",
        "corrections-0-text": vector + "<p>kept</p>",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("part", range(EDITOR_PARTS))
def test_rich_text_from_the_editor_is_sanitised_in_every_rich_text_field(admin_client, part):
    """Every vector POSTed through admin as the editor sends it: a story's body, a round-up
    item's body, a correction notice and an author's bio end up within the shared allowlist,
    with nothing runnable, on the pages that print them."""
    from django.urls import reverse

    from articles.models import Author, Story
    from newsroom.sanitize import ALLOWED_TAGS
    from tests.factories import make_author, make_category

    author, category = make_author(), make_category()
    vectors = STORABLE[part::EDITOR_PARTS]
    for n, vector in enumerate(vectors):
        response = admin_client.post(
            reverse("admin:articles_story_add"), editor_story_form(vector, n, author, category)
        )
        assert response.status_code == 302, vector
        response = admin_client.post(
            reverse("admin:articles_author_add"), {"name": f"Bio {n}", "slug": f"bio-{n}", "bio": vector}
        )
        assert response.status_code == 302, vector
    stories = Story.objects.prefetch_related("items", "corrections")
    texts = [(s.body_html, s.items.all()[0].body_html, s.corrections.all()[0].inline_html) for s in stories]
    texts += [(author.bio,) for author in Author.objects.all()]
    assert len(texts) == 2 * len(vectors) + 1
    for html in (html for group in texts for html in group):
        assert runnable_parts(html) == [], html
        assert {tag.lower() for tag in re.findall(r"<([a-zA-Z][\w:-]*)", html)} <= ALLOWED_TAGS, html
