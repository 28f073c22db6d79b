"""The reader's form on the story page, posting, and what bad input gets."""

import pytest

from comments.models import Comment
from tests.comments.helpers import form_data, make_comment, post_comment

pytestmark = pytest.mark.django_db


def test_story_page_shows_the_form_with_its_privacy_note_and_required_fields(client, story):
    page = client.get(story.get_absolute_url()).text
    assert "Your email address will not be published. Required fields are marked *" in page
    for field in ("name", "email", "text"):
        assert f'name="{field}"' in page
    assert '<label for="cf-name">Name <span class="required" aria-hidden="true">*</span></label>' in page
    assert 'name="email" autocomplete="email" maxlength="254" required' in page
    assert 'name="website" autocomplete="url" maxlength="200" aria-describedby="cf-website_helptext"' in page
    assert '<input type="hidden" name="reply_to" id="cf-reply_to">' in page
    assert 'name="token"' in page and "csrfmiddlewaretoken" not in page


def test_a_posted_comment_awaits_moderation_on_the_readers_own_page(client, story):
    response = post_comment(client, story)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response["Location"].startswith(f"/comments/{comment.pk}/posted/?t=")
    own_page = client.get(response["Location"])
    assert "no-store" in own_page["Cache-Control"] and not own_page.cookies
    assert f'href="{story.get_absolute_url()}?comment=received#comments"' in own_page.text
    assert (comment.status, comment.name, comment.email) == ("pending", "Ana Reader", "ana@example.net")
    assert comment.thread_id == comment.pk and comment.depth == 0
    assert len(comment.ip_hash) == 64 and "127.0.0.1" not in comment.ip_hash
    page = client.get(f"{story.get_absolute_url()}?comment=received").text
    assert "Thank you. Your comment is awaiting moderation." in page
    assert "A thoughtful comment" not in page


def test_the_notice_comes_only_from_the_fixed_parameter(client, story):
    assert "awaiting moderation" not in client.get(story.get_absolute_url() + "?comment=other").text
    assert "Your comment is published." in client.get(story.get_absolute_url() + "?comment=published").text


def test_form_errors_keep_the_readers_text_and_tie_each_error_to_its_field(client, story):
    response = post_comment(client, story, name="", email="not-an-email", text="Keep this text, please.")
    assert response.status_code == 400
    page = response.text
    assert "Check your comment" in page and story.headline in page
    assert "Keep this text, please." in page
    assert 'aria-invalid="true" aria-describedby="cf-name_error"' in page
    assert '<p class="error" id="cf-name_error">This field is required.</p>' in page
    assert 'aria-describedby="cf-email_error"' in page and "Enter a valid email address." in page
    assert '<a href="#cf-email">Email: Enter a valid email address.</a>' in page  # the error summary
    assert 'name="token"' in page
    assert not Comment.objects.exists()


def test_a_reply_names_its_parent(client, story):
    parent = make_comment(story, name="Lucía")
    response = post_comment(client, story, reply_to=str(parent.pk))
    assert response.status_code == 302
    reply = Comment.objects.get(parent=parent)
    assert (reply.thread_id, reply.depth) == (parent.pk, 1)


@pytest.mark.parametrize("status", ["pending", "spam", "removed"])
def test_replying_to_a_comment_that_is_not_published_is_a_form_error(client, story, status):
    parent = make_comment(story, status=status)
    response = post_comment(client, story, reply_to=str(parent.pk))
    assert response.status_code == 400
    assert "You can only reply to a published comment on this story." in response.text
    assert Comment.objects.count() == 1


def test_replying_to_a_comment_on_another_story_is_a_form_error(client, story):
    from tests.factories import make_story

    elsewhere = make_comment(make_story())
    response = post_comment(client, story, reply_to=str(elsewhere.pk))
    assert response.status_code == 400
    assert "You can only reply to a published comment on this story." in response.text


RTL_OVERRIDE = "\u202e"
BAD_INPUTS = {
    "empty form": dict(name="", email="", text=""),
    "blank text": dict(text="   \n  "),
    "100 KB of text": dict(text="x" * 100_000),
    "name too long": dict(name="n" * 81),
    "email too long": dict(email="a" * 250 + "@example.net"),
    "website too long": dict(website="https://example.net/" + "p" * 200),
    "NUL byte in text": dict(text="before\x00after"),
    "NUL byte in name": dict(name="Ana\x00"),
    "NUL byte in email": dict(email="ana\x00@example.net"),
    "invalid email": dict(email="ana@"),
    "email with spaces": dict(email="ana lopez@example.net"),
    "RTL override in name": dict(name=f"Ana {RTL_OVERRIDE}gnp.exe"),
    "RTL override in text": dict(text=f"Look at {RTL_OVERRIDE}this"),
    "control character in name": dict(name="Ana\x07"),
    "javascript website": dict(website="javascript:alert(1)"),
    "ftp website": dict(website="ftp://example.net/file"),
    "reply_to not a number": dict(reply_to="abc"),
    "reply_to negative": dict(reply_to="-4"),
    "reply_to huge": dict(reply_to="9" * 30),
    "reply_to unknown": dict(reply_to="987654"),
}  # fmt: skip


@pytest.mark.parametrize("fields", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_gets_form_errors_and_stores_nothing(client, story, fields):
    response = post_comment(client, story, **fields)
    assert response.status_code == 400
    assert '<div class="form-errors" role="alert">' in response.text
    assert not Comment.objects.exists()


def test_repeated_fields_and_missing_fields_never_cause_a_500(client, story):
    url = f"/comments/story/{story.pk}/post/"
    data = form_data(story)
    data["name"] = ["one", "two"]
    assert client.post(url, data).status_code in (302, 400)
    assert client.post(url, {}).status_code == 400
    assert (
        client.post(
            url, "name=%FF%FE&email=%00", content_type="application/x-www-form-urlencoded"
        ).status_code
        == 400
    )
    assert client.post(url, b'{"name": "json"}', content_type="application/json").status_code == 400


def test_get_and_unknown_stories_are_refused(client, story):
    assert client.get(f"/comments/story/{story.pk}/post/").status_code == 405
    assert post_comment(client, story).status_code == 302
    assert client.post("/comments/story/999999/post/", form_data(story)).status_code == 404
    assert client.post(f"/comments/story/{'9' * 25}/post/", form_data(story)).status_code == 404


def test_a_draft_story_takes_no_comments(client):
    from tests.factories import make_story

    draft = make_story(status="draft", published_at=None)
    assert post_comment(client, draft).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "name, text",
    [
        ("Zoë 🦊", "Great reporting 👏🏽 — gracias. 👨‍👩‍👧"),
        ("محمد", "نص عربي مع english"),
        ("李明", "很好的报道。"),
    ],
)
def test_emoji_and_other_scripts_are_welcome(client, story, name, text):
    assert post_comment(client, story, name=name, text=text).status_code == 302
    comment = Comment.objects.get()
    assert (comment.name, comment.text) == (name, text)


def test_website_without_a_scheme_becomes_https(client, story):
    post_comment(client, story, website="example.net/ana")
    assert Comment.objects.get().website == "https://example.net/ana"
