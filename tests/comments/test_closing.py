"""When comments are closed: the form gives way to a notice and a POST gets 403."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from tests.comments.helpers import make_comment, post_comment
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def assert_closed(client, story):
    response = post_comment(client, story)
    assert response.status_code == 403
    assert "Comments are closed" in response.text
    assert "This story no longer accepts comments." in response.text
    assert not Comment.objects.filter(name="Ana Reader").exists()


def test_comments_closed_by_the_editor_refuse_posts_with_403(client, story):
    story.comments_open = False
    story.save()
    assert_closed(client, story)
    page = client.get(story.get_absolute_url()).text
    assert "Comments are closed." in page and 'id="comment-form"' not in page


def test_a_withdrawn_story_refuses_comments_with_403(client, story):
    story.withdraw()
    assert_closed(client, story)


def test_comments_close_automatically_after_the_configured_days(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    old = make_story(published_at=timezone.now() - timedelta(days=31))
    assert_closed(client, old)
    assert "Comments are closed." in client.get(old.get_absolute_url()).text
    recent = make_story(published_at=timezone.now() - timedelta(days=29))
    assert post_comment(client, recent).status_code == 302


def test_with_zero_days_comments_never_close_by_age(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    assert (
        post_comment(client, make_story(published_at=timezone.now() - timedelta(days=4000))).status_code
        == 302
    )


def test_published_comments_stay_visible_when_comments_close(client, story):
    make_comment(story, text="Written while open.")
    story.comments_open = False
    story.save()
    page = client.get(story.get_absolute_url()).text
    assert "Written while open." in page and "Comments are closed." in page
    assert "data-reply-to" not in page
