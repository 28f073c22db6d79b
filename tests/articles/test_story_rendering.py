"""A public story's article and JSON-LD are rendered once and stored; every write to what
they show makes the next page view render them again."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles import story_rendering
from articles.models import Correction, RoundupItem, Source, Story, StoryRendering
from ledger.models import ArchivedCopy, LinkCheck
from tests.articles.library import figure_html, make_library_image
from tests.articles.test_metadata import parse
from tests.factories import make_author, make_category, make_story, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def story():
    section = make_category("Crime and Violence", slug="crime")
    desk = make_category("Organized Crime", parent=section, slug="organized-crime")
    story = make_story(
        "Border operation",
        category=desk,
        authors=[make_author("Ana Reyes", slug="ana")],
        tags=["fentanyl"],
        standfirst="Agents seized pills.",
    )
    item = RoundupItem.objects.create(story=story, position=0, headline="Court filing", body="<p>Filed.</p>")
    Source.objects.create(
        story=story, item=item, position=0, title="Indictment", outlet="DOJ", url="https://doj.example/a"
    )
    return story


def page(client, story):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return response.text


def article_node(html):
    return next(node for node in parse(html).json_ld[0]["@graph"] if node["@type"] == "NewsArticle")


def test_the_first_view_stores_the_article_and_later_views_read_it_with_fewer_queries(client, story):
    with CaptureQueriesContext(connection) as first:
        rendered = page(client, story)
    stored = StoryRendering.objects.get(story=story)
    assert stored.is_current(story_rendering.signature())
    assert "Court filing" in stored.html and "Indictment" in stored.html
    with CaptureQueriesContext(connection) as later:
        again = page(client, story)
    assert article_part(again) == article_part(rendered) and stored.html in again
    assert article_node(again) == article_node(rendered)
    assert len(later) < len(first) - 3


def article_part(html):
    return html[html.index('<article class="story"') : html.index("</article>")]


def edit_headline(story):
    story.headline = "Border operation widens"
    story.save()
    return "Border operation widens"


def edit_item(story):
    item = story.items.get()
    item.headline = "Second court filing"
    item.save()
    return "Second court filing"


def add_source(story):
    Source.objects.create(story=story, position=1, title="Press release", outlet="SSPC")
    return "Press release"


def add_notice(story):
    story.add_notice(Correction.Kind.CORRECTION, "An earlier version misnamed the court.")
    return "misnamed the court"


def rename_author(story):
    author = story.authors.get()
    author.name = "Ana M. Reyes"
    author.save()
    return "Ana M. Reyes"


def rename_tag(story):
    tag = Tag.objects.get(name="fentanyl")
    tag.name = "Fentanyl trafficking"
    tag.save()
    return "Fentanyl trafficking"


def add_tag(story):
    story.tags.add("sanctions")
    return "sanctions"


def rename_section(story):
    section = story.primary_category.parent
    section.name = "Crime, Violence and Courts"
    section.save()
    return "Crime, Violence and Courts"


def archive_and_lose_the_original(story):
    source = story.sources.get()
    LinkCheck.objects.create(url=source.url, status=LinkCheck.Status.GONE, checked_at=timezone.now())
    ArchivedCopy.objects.create(
        source=source, cited_url=source.url, url=source.url, content_type="text/html", size=1, sha256="0" * 64
    )
    return "archived copy"


def recaption_library_image(story):
    image = make_library_image(caption="From the library.", credit="")
    story.body = figure_html(image, caption="", alt="")
    story.save()
    Client().get(story.get_absolute_url())  # stored with the library's caption
    image.caption = "Seized in Sonora."
    image.save()
    return "Seized in Sonora."


EDITS = [
    edit_headline,
    edit_item,
    add_source,
    add_notice,
    rename_author,
    rename_tag,
    add_tag,
    rename_section,
    archive_and_lose_the_original,
    recaption_library_image,
]


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__ for edit in EDITS])
def test_every_write_to_what_the_article_shows_reaches_the_next_view(client, story, edit):
    page(client, story)  # stored
    shown = edit(Story.objects.get(pk=story.pk))
    assert shown in article_part(page(client, story))
    assert StoryRendering.objects.get(story=story).is_current(story_rendering.signature())


def test_the_json_ld_is_stored_but_its_comment_count_is_read_at_each_view(client, story):
    assert article_node(page(client, story))["commentCount"] == 0
    Story.objects.filter(pk=story.pk).update(comment_count=7)  # as the moderation functions do
    node = article_node(page(client, story))
    assert node["commentCount"] == 7 and node["headline"] == "Border operation"
    assert json.loads(StoryRendering.objects.get(story=story).graph)["@graph"][0]["commentCount"] == 0


def test_a_rendering_made_while_a_write_came_in_is_not_stored(story, monkeypatch):
    render = story_rendering.render

    def render_then_someone_edits(shown):
        result = render(shown)
        StoryRendering.objects.mark_stale([story.pk])  # an editor saves meanwhile
        return result

    monkeypatch.setattr(story_rendering, "render", render_then_someone_edits)
    story_rendering.rebuild(story.pk)
    assert not StoryRendering.objects.get(story=story).is_current(story_rendering.signature())


def test_new_templates_or_settings_make_every_stored_article_stale(client, story, settings):
    page(client, story)
    story_rendering.signature.cache_clear()
    settings.SITE_NAME = "The Border Desk"
    try:
        assert not StoryRendering.objects.get(story=story).is_current(story_rendering.signature())
        assert '"name":"The Border Desk"' in page(client, story)
    finally:
        story_rendering.signature.cache_clear()


def test_a_draft_staff_preview_is_rendered_as_it_is_and_never_stored(client, story):
    draft = make_story("Draft in progress", status=Story.Status.DRAFT)
    client.force_login(make_user("editor", is_staff=True, is_superuser=True))
    assert "Draft in progress" in page(client, draft)
    assert not StoryRendering.objects.filter(story=draft).exists()


def test_a_scheduled_story_is_stored_only_once_it_is_public(client, story):
    later = make_story("Scheduled piece", published_at=timezone.now() + timedelta(hours=1))
    assert client.get(later.get_absolute_url()).status_code == 404
    assert not StoryRendering.objects.filter(story=later).exists()


def test_render_stories_renders_every_public_story_ahead_of_readers(story):
    make_story("Draft", status=Story.Status.DRAFT)
    call_command("render_stories", stdout=open("/dev/null", "w"))
    signature = story_rendering.signature()
    assert [r.story_id for r in StoryRendering.objects.all() if r.is_current(signature)] == [story.pk]
