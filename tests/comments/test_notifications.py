"""The moderators' email: at most one per COMMENTS_NOTIFY_INTERVAL, with the number of
comments waiting and a link to the queue; a failing mail server or queue loses nothing."""

import logging

import pytest
from django.core.cache import cache

from comments.models import BlockedWord, Comment
from tests.comments.helpers import make_comment, post_comment
from tests.factories import make_user

pytestmark = pytest.mark.django_db

QUEUE_URL = "https://news.example.org/admin/comments/comment/"


@pytest.fixture
def moderator():
    return make_user("mod", groups=["Moderators"], is_staff=True, email="mod@newsroom.example")


@pytest.fixture
def send_on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def interval_passes():
    """What the end of the interval does: the 'email sent' mark expires (with the rest of the cache)."""
    cache.clear()


def test_moderators_are_emailed_about_a_new_comment(client, story, moderator, mailoutbox, send_on_commit):
    with send_on_commit():
        post_comment(client, story, name="Ana Reader", email="ana.private@example.net", text="Worth a look.")
    comment = Comment.objects.get()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["mod@newsroom.example"]
    assert mail.subject == f"[Newsroom] A comment awaits moderation: {story.headline}"
    assert "Ana Reader commented on" in mail.body and "Worth a look." in mail.body
    assert f"https://news.example.org/admin/comments/comment/{comment.pk}/change/" in mail.body
    assert f"The moderation queue: {QUEUE_URL}\n" in mail.body
    assert "at most one of these emails every 15 minutes" in mail.body
    assert "ana.private" not in mail.body


def test_at_most_one_email_per_interval_with_the_count_waiting(
    client, story, moderator, mailoutbox, send_on_commit
):
    for n in range(3):
        with send_on_commit():
            post_comment(client, story, text=f"Comment {n} in a busy minute.")
    assert len(mailoutbox) == 1
    make_comment(story, status="pending")
    interval_passes()
    with send_on_commit():
        post_comment(client, story, name="Late Reader", text="After the quiet period.")
    assert len(mailoutbox) == 2
    mail = mailoutbox[1]
    assert mail.subject == "[Newsroom] 5 comments await moderation"
    assert mail.body.startswith("5 comments await moderation.\n")
    assert "Late Reader commented on" in mail.body and QUEUE_URL in mail.body


def test_the_interval_can_be_set(client, story, moderator, mailoutbox, send_on_commit, settings):
    settings.COMMENTS_NOTIFY_INTERVAL = 60
    with send_on_commit():
        post_comment(client, story)
    assert "at most one of these emails per minute" in mailoutbox[0].body


def test_the_notification_list_can_be_set(client, story, settings, mailoutbox, send_on_commit):
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@example.org", "night@example.org"]
    with send_on_commit():
        post_comment(client, story)
    assert mailoutbox[0].to == ["desk@example.org", "night@example.org"]


@pytest.mark.parametrize("fields", [{"subject": "Buy now"}, {"text": "cheap casino"}])
def test_spam_sends_no_notification(client, story, moderator, mailoutbox, send_on_commit, fields):
    BlockedWord.objects.create(phrase="casino", action="spam")
    with send_on_commit():
        post_comment(client, story, **fields)
    assert Comment.objects.get().status == "spam" and mailoutbox == []
    with send_on_commit():
        post_comment(client, story, text="A real comment.")
    assert len(mailoutbox) == 1  # spam did not use up the interval


def test_a_failing_mail_server_never_loses_or_fails_a_comment(
    client, story, moderator, settings, caplog, send_on_commit, mailoutbox
):
    locmem = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": "tests.comments.failing_mail.EmailBackend"}}
    with caplog.at_level(logging.ERROR), send_on_commit():
        response = post_comment(client, story, text="Kept despite the mail server.")
    assert response.status_code == 302
    assert Comment.objects.get().text == "Kept despite the mail server."
    assert "Could not email the moderators" in caplog.text
    settings.MAILERS = locmem
    with send_on_commit():
        post_comment(client, story, text="The server is back.")
    assert len(mailoutbox) == 1  # the failed email did not silence the interval


def test_a_failing_task_queue_never_loses_or_fails_a_comment(
    client, story, moderator, monkeypatch, caplog, send_on_commit
):
    from comments.tasks import send_moderation_notice

    def queue_down(*args, **kwargs):
        raise ConnectionError("queue unavailable")

    monkeypatch.setattr(type(send_moderation_notice), "enqueue", queue_down)
    with caplog.at_level(logging.ERROR), send_on_commit():
        response = post_comment(client, story)
    assert response.status_code == 302 and Comment.objects.count() == 1
