"""Two editors on one story: the second save is refused, with both texts kept."""

import pytest
from django.urls import reverse

from articles.models import Story
from editorial.models import StoryRevision
from tests.editorial.helpers import change_url, form_fields, open_form
from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_story("Shared story", status=Story.Status.DRAFT, body="<p>Start.</p>")


def test_the_second_of_two_concurrent_saves_is_refused_and_keeps_its_text(editor, second_editor, story):
    first, second = open_form(editor, story), open_form(second_editor, story)
    first["body"] = "<p>First editor's text.</p>"
    assert editor.post(change_url(story), first).status_code == 302

    second["body"] = "<p>Second editor's text.</p>"
    response = second_editor.post(change_url(story), second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "saved by someone else while you were editing" in page
    assert "Second editor&#x27;s text." in page or "Second editor's text." in page  # kept in the form
    assert Story.objects.get(pk=story.pk).body == "<p>First editor's text.</p>"


def test_the_conflict_links_to_a_comparison_of_both_texts(editor, second_editor, story):
    first, second = open_form(editor, story), open_form(second_editor, story)
    first["body"] = "<p>Arrests in Sonora.</p>"
    editor.post(change_url(story), first)
    second["body"] = "<p>Arrests in Sinaloa.</p>"
    response = second_editor.post(change_url(story), second)

    compare_url = response.context["conflict"]["compare_url"]
    page = second_editor.get(compare_url).content.decode()
    assert "<del>Sonora</del> <ins>Sinaloa</ins>" in page
    refused = StoryRevision.objects.get(state=StoryRevision.State.CONFLICTED)
    assert refused.created_by.username == "second-editor"


def test_saving_again_after_a_conflict_replaces_the_other_version(editor, second_editor, story):
    first, second = open_form(editor, story), open_form(second_editor, story)
    first["body"] = "<p>One.</p>"
    editor.post(change_url(story), first)
    second["body"] = "<p>Two.</p>"
    refused_page = second_editor.post(change_url(story), second).content.decode()

    retry = form_fields(refused_page)
    assert second_editor.post(change_url(story), retry).status_code == 302
    assert Story.objects.get(pk=story.pk).body == "<p>Two.</p>"


def test_two_drafts_of_a_live_story_conflict_too(editor, second_editor):
    live = make_story("Live story")
    first, second = open_form(editor, live), open_form(second_editor, live)
    first["standfirst"] = "One"
    editor.post(change_url(live), first)
    second["standfirst"] = "Two"
    response = second_editor.post(change_url(live), second)
    assert response.status_code == 200 and response.context["conflict"]
    assert StoryRevision.objects.pending().get(story=live).data["standfirst"] == "One"


def test_a_validation_error_keeps_the_text(editor, story):
    data = open_form(editor, story)
    data.update(headline="", body="<p>Long text nobody wants to type twice.</p>")
    response = editor.post(change_url(story), data)
    assert response.status_code == 200
    assert "Long text nobody wants to type twice." in response.content.decode()
    assert reverse("admin:articles_story_change", args=[story.pk])
