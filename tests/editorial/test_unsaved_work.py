"""Text posted after the editor's login expired comes back once they sign in again."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from articles.models import Story
from tests.editorial.helpers import change_url, open_form
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def test_text_posted_after_the_session_expired_is_back_after_signing_in(editor):
    story = make_story("Long read", status=Story.Status.DRAFT)
    data = open_form(editor, story)
    data["body"] = "<p>Three hours of careful writing.</p>"
    data["items-TOTAL_FORMS"] = "1"
    data.update({"items-0-headline": "A new item", "items-0-position": "0", "items-0-body": "<p>Item.</p>"})
    editor.logout()  # the session expired while they wrote

    response = editor.post(change_url(story), data)
    assert response.status_code == 302 and "/login/" in response["Location"]

    editor.force_login(get_user_model().objects.get(username="editor"))
    page = editor.get(change_url(story)).content.decode()
    assert "Three hours of careful writing." in page
    assert "A new item" in page
    assert "back in the form" in page
    assert Story.objects.get(pk=story.pk).body == "<p>Body text.</p>"  # nothing saved unseen

    again = open_form(editor, story)  # the kept text is shown once
    assert "Three hours" not in again["body"]


def test_kept_text_is_only_for_the_browser_that_posted_it(editor):
    story = make_story("Private draft", status=Story.Status.DRAFT)
    data = open_form(editor, story)
    data["body"] = "<p>Secret paragraph.</p>"
    editor.logout()
    editor.post(change_url(story), data)

    other = Client()
    other.force_login(get_user_model().objects.get(username="editor"))
    assert "Secret paragraph." not in other.get(change_url(story)).content.decode()
