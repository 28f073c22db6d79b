"""A commenter edits or deletes their comment through the signed link shown after posting,
for COMMENTS_EDIT_MINUTES; after that the link says so politely."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments import own_edits
from comments.models import BlockedWord, Comment, ModerationRecord
from tests.comments.helpers import post_comment

pytestmark = pytest.mark.django_db


def posted(client, story, **fields):
    response = post_comment(client, story, **fields)
    comment = Comment.objects.latest("pk")
    page = client.get(response["Location"]).text
    edit = page.split('class="edit-own" href="', 1)[1].split('"', 1)[0]
    return comment, edit.replace("&amp;", "&")


def test_the_page_after_posting_shows_the_edit_link_and_is_never_cached(client, story):
    response = post_comment(client, story)
    page = client.get(response["Location"])
    assert page.status_code == 200 and "no-store" in page["Cache-Control"] and not page.cookies
    assert "Edit or delete your comment" in page.text and "(for 10 minutes after posting" in page.text
    story_page = client.get(story.get_absolute_url() + "?comment=received")
    assert "/edit/" not in story_page.text and "public" in story_page["Cache-Control"]
    assert not story_page.cookies


def test_a_reader_edits_a_pending_comment_within_the_window(client, story):
    comment, edit = posted(client, story)
    assert "A thoughtful comment" in client.get(edit).text
    response = client.post(edit, {"action": "save", "text": "A corrected comment."})
    assert response.status_code == 302 and "/posted/" in response["Location"]
    comment.refresh_from_db()
    assert (comment.text, comment.status) == ("A corrected comment.", "pending")
    record = ModerationRecord.objects.get(comment=comment)
    assert (record.action, record.note) == ("edited", "edited by its author")
    assert "thoughtful" not in record.note


def test_an_edited_approved_comment_is_rendered_again_and_screened_again(client, story, settings):
    settings.COMMENTS_TRUST_RETURNING = True
    Comment.objects.create(story=story, name="Old", email="ana@example.net", text="x", status="approved")
    comment, edit = posted(client, story)
    assert comment.status == "approved"
    client.post(edit, {"action": "save", "text": "Still fine, with a fix."})
    comment.refresh_from_db()
    assert comment.status == "approved" and "Still fine, with a fix." in comment.html
    BlockedWord.objects.create(phrase="casino", action="spam")
    client.post(edit, {"action": "save", "text": "Visit my casino."})
    comment.refresh_from_db()
    assert comment.status == "spam"
    assert "Visit my casino." not in client.get(story.get_absolute_url()).text
    assert ModerationRecord.objects.filter(comment=comment, to_status="spam").exists()


def test_a_reader_deletes_their_comment(client, story):
    comment, edit = posted(client, story)
    assert client.post(edit, {"action": "delete"}).status_code == 200
    comment.refresh_from_db()
    assert comment.status == "removed"
    assert ModerationRecord.objects.get(comment=comment, to_status="removed").note == "deleted by its author"


def test_after_the_window_the_link_says_so_politely(client, story):
    comment, edit = posted(client, story, text="Typo here.")
    # The clock moves on: the comment was posted eleven minutes ago.
    Comment.objects.filter(pk=comment.pk).update(created_at=comment.created_at - timedelta(minutes=11))
    # ... which also changes the link's binding; a link made for the moved comment is refused by time.
    moved = Comment.objects.get(pk=comment.pk)
    late = own_edits.edit_url(moved).removeprefix("https://news.example.org")
    for answer in (client.get(late), client.post(late, {"action": "save", "text": "Too late."})):
        assert answer.status_code == 410 and "Editing has closed" in answer.text
    assert Comment.objects.get(pk=comment.pk).text == "Typo here."
    assert client.get(edit).status_code == 404  # bound to the creation time


def test_the_window_follows_the_setting(client, story, settings, monkeypatch):
    comment, edit = posted(client, story)
    later = timezone.now() + timedelta(minutes=11)
    monkeypatch.setattr(own_edits.timezone, "now", lambda: later)
    assert client.get(edit).status_code == 410
    settings.COMMENTS_EDIT_MINUTES = 30
    assert client.get(edit).status_code == 200


def test_the_link_opens_only_its_own_comment(client, story):
    first, edit = posted(client, story)
    second, _ = posted(client, story, text="Another one.")
    assert client.get(edit.replace(f"/{first.pk}/", f"/{second.pk}/")).status_code == 404
    assert client.get(edit[:-3] + "xyz").status_code == 404
    assert client.get(f"/comments/{first.pk}/edit/").status_code == 404


def test_an_edit_from_another_site_is_refused(client, story):
    comment, edit = posted(client, story)
    answer = client.post(
        edit, {"action": "save", "text": "Changed."}, headers={"Origin": "https://evil.example"}
    )
    assert answer.status_code == 400
    assert Comment.objects.get(pk=comment.pk).text == comment.text


def test_an_edit_that_breaks_a_rule_goes_back_to_the_queue_with_its_reason(client, story, settings):
    settings.COMMENTS_TRUST_RETURNING = True
    Comment.objects.create(story=story, name="Old", email="ana@example.net", text="x", status="approved")
    comment, edit = posted(client, story)
    links = "See https://a.example.com https://b.example.com https://c.example.com"
    client.post(edit, {"action": "save", "text": links})
    comment.refresh_from_db()
    assert (comment.status, comment.held_rule) == ("pending", "links")
    assert ModerationRecord.objects.filter(comment=comment, to_status="pending").exists()
