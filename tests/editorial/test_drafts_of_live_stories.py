"""Editing a live story keeps a draft; readers see the published version until an editor
publishes the change."""

import pytest
from django.urls import reverse

from articles.models import RoundupItem, Story
from editorial.models import StoryRevision
from tests.editorial.helpers import change_url, open_form
from tests.factories import make_author, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_story():
    story = make_story("Border network dismantled", body="<p>Five people were arrested.</p>")
    RoundupItem.objects.create(story=story, headline="Coalition launched", body="<p>Ninety countries.</p>",
                               source_line="U.S. Embassy in China")  # fmt: skip
    return story


def test_saving_a_live_story_keeps_a_draft_and_readers_see_the_published_version(editor, client, live_story):
    data = open_form(editor, live_story)
    data["body"] = "<p>Six people were arrested.</p>"
    response = editor.post(change_url(live_story), data, follow=True)
    assert "saved as a draft" in response.content.decode()

    page = client.get(live_story.get_absolute_url()).content.decode()
    assert "Five people were arrested." in page
    assert "Six people" not in page
    assert (
        StoryRevision.objects.pending().get(story=live_story).data["body"]
        == "<p>Six people were arrested.</p>"
    )


def test_the_form_reopens_with_the_draft_including_items(editor, live_story):
    data = open_form(editor, live_story)
    data["headline"] = "Border network dismantled, officials say"
    data["items-0-headline"] = "Coalition launched in Beijing"
    data.update({"items-TOTAL_FORMS": "2", "items-1-headline": "Sanctions announced", "items-1-position": "1",
                 "items-1-body": "<p>Four people.</p>", "items-1-source_line": "Treasury"})  # fmt: skip
    editor.post(change_url(live_story), data)

    reopened = open_form(editor, live_story)
    assert reopened["headline"] == "Border network dismantled, officials say"
    assert reopened["items-0-headline"] == "Coalition launched in Beijing"
    assert reopened["items-1-headline"] == "Sanctions announced"
    assert reopened["items-1-id"] == ""  # not saved to the story yet
    assert Story.objects.get(pk=live_story.pk).headline == "Border network dismantled"


def test_publish_changes_makes_the_draft_live(editor, client, live_story):
    data = open_form(editor, live_story)
    data["body"] = "<p>Six people were arrested.</p>"
    data["items-0-DELETE"] = "on"
    editor.post(change_url(live_story), data)

    data = open_form(editor, live_story)
    data["_publish_changes"] = "Publish changes"
    response = editor.post(change_url(live_story), data)
    assert response.status_code == 302

    page = client.get(live_story.get_absolute_url()).content.decode()
    assert "Six people were arrested." in page
    assert "Coalition launched" not in page
    assert not StoryRevision.objects.pending().filter(story=live_story).exists()


def test_the_story_list_shows_live_stories_with_unpublished_changes(editor, live_story):
    untouched = make_story("Quiet story")
    data = open_form(editor, live_story)
    data["standfirst"] = "New standfirst"
    editor.post(change_url(live_story), data)

    listing = editor.get(reverse("admin:articles_story_changelist") + "?state=changes").content.decode()
    assert "Border network dismantled" in listing
    assert untouched.headline not in listing


def test_a_contributor_proposes_changes_to_their_own_live_story_but_cannot_publish_them(contributor, client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="contributor")
    story = make_story("Contributor's story", authors=[make_author(user=user)], body="<p>Original.</p>")
    data = open_form(contributor, story)
    assert "status" not in data  # shown, not editable
    data["body"] = "<p>Proposed.</p>"
    data["_publish_changes"] = "Publish changes"
    contributor.post(change_url(story), data)

    assert "Original." in client.get(story.get_absolute_url()).content.decode()
    assert StoryRevision.objects.pending().get(story=story).data["body"] == "<p>Proposed.</p>"


def test_a_draft_story_is_saved_directly(editor):
    story = make_story("Not yet out", status=Story.Status.DRAFT)
    data = open_form(editor, story)
    data["headline"] = "Still not out"
    editor.post(change_url(story), data)
    assert Story.objects.get(pk=story.pk).headline == "Still not out"
    assert not StoryRevision.objects.pending().exists()


def test_withdrawing_a_live_story_from_its_form_takes_effect_at_once(editor, client, live_story):
    data = open_form(editor, live_story)
    data.update(status="withdrawn", _save_draft="Save draft")
    editor.post(change_url(live_story), data)
    assert client.get(live_story.get_absolute_url()).status_code == 404


def test_saved_notices_show_as_readers_see_them_and_cannot_be_changed(editor, live_story):
    from articles.models import Correction

    notice = live_story.add_notice("correction", "<p>The operation began on <strong>June 23</strong>.</p>")
    page = editor.get(change_url(live_story)).content.decode()
    assert "began on <strong>June 23</strong>" in page
    assert "&lt;strong&gt;" not in page

    data = open_form(editor, live_story)
    data.update({"corrections-0-text": "<p>Rewritten.</p>", "_publish_changes": "Publish changes"})
    editor.post(change_url(live_story), data)
    assert Correction.objects.get(pk=notice.pk).text == notice.text
