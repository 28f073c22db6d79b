"""Revisions: every save is kept; any two compare word by word; an old one comes back as a
draft, never straight to live."""

import pytest
from django.urls import reverse

from articles.models import Story
from editorial.models import StoryRevision
from tests.editorial.helpers import change_url, open_form
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def save(client, story, **changes):
    data = open_form(client, story)
    data.update(changes)
    data.setdefault("_publish_changes", "Publish changes")
    response = client.post(change_url(story), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def history_url(story):
    return reverse("admin:articles_story_history", args=[story.pk])


def test_every_save_keeps_a_revision_with_who_when_and_a_note(editor):
    story = make_story("First headline")
    save(editor, story, headline="Second headline", revision_note="Fixed the headline")

    revisions = list(StoryRevision.objects.for_story(story))
    assert [r.headline for r in revisions] == ["Second headline", "First headline"]
    assert revisions[0].created_by.username == "editor"
    assert revisions[0].note == "Fixed the headline"
    page = editor.get(history_url(story)).content.decode()
    assert "Fixed the headline" in page and "Second headline" in page


def test_a_revision_keeps_items_sources_bylines_categories_and_tags(editor):
    story = make_story("Tagged", tags=["Sanctions", "Fentanyl"])
    save(editor, story, headline="Tagged again")
    data = StoryRevision.objects.for_story(story).first().data
    assert data["tags"] == ["Fentanyl", "Sanctions"]
    assert data["bylines"] == [a.pk for a in story.authors.all()]
    assert data["primary_category"] == story.primary_category_id
    assert {"items", "sources", "categories"} <= data.keys()


def test_comparing_two_revisions_shows_the_words_that_changed(editor):
    story = make_story("Five arrested in Nogales", body="<p>The network moved fentanyl.</p>")
    save(
        editor, story, headline="Six arrested in Nogales", body="<p>The network moved fentanyl and guns.</p>"
    )
    newer, older = StoryRevision.objects.for_story(story)
    url = reverse("admin:articles_story_compare", args=[story.pk]) + f"?a={newer.pk}&b={older.pk}"
    page = editor.get(url).content.decode()
    assert "<del>Five</del> <ins>Six</ins> arrested in Nogales" in page
    assert "fentanyl<ins> and guns</ins>." in page


def test_comparing_with_bad_parameters_is_a_message_not_an_error(editor):
    story = make_story()
    url = reverse("admin:articles_story_compare", args=[story.pk])
    response = editor.get(url + "?a=x&b=999999", follow=True)
    assert response.status_code == 200
    assert "Choose two revisions" in response.content.decode()


def test_restoring_an_old_revision_makes_a_draft_and_leaves_the_live_story(editor, client):
    story = make_story("Original headline", body="<p>Original body.</p>")
    save(editor, story, headline="Rewritten headline", body="<p>Rewritten body.</p>")
    original = StoryRevision.objects.for_story(story).last()

    response = editor.post(reverse("admin:articles_story_restore", args=[story.pk, original.pk]), follow=True)
    assert "restored as a draft" in response.content.decode()
    assert "Rewritten body." in client.get(story.get_absolute_url()).content.decode()
    assert open_form(editor, story)["headline"] == "Original headline"

    save(editor, story)  # "Publish changes" on the restored draft
    assert Story.objects.get(pk=story.pk).headline == "Original headline"


def test_restoring_needs_a_post(editor):
    story = make_story()
    save(editor, story, headline="Changed")
    revision = StoryRevision.objects.for_story(story).first()
    assert (
        editor.get(reverse("admin:articles_story_restore", args=[story.pk, revision.pk])).status_code == 405
    )


def test_history_page_queries_do_not_grow_with_revisions(editor, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    story = make_story()
    save(editor, story, headline="Once")
    with CaptureQueriesContext(connection) as few:
        assert editor.get(history_url(story)).status_code == 200
    for n in range(12):
        StoryRevision.objects.record(story, None, f"save {n}")
    with CaptureQueriesContext(connection) as many:
        editor.get(history_url(story))
    assert len(many) == len(few)
