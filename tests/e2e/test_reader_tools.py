"""A reader's own tools in a real browser: reply notifications (confirmed by email, stopped
with one click), editing one's comment after posting, and details remembered by the browser."""

import re

import pytest
from django.core import mail

from comments import moderation
from comments.models import Comment, ReplySubscription
from tests.e2e.test_newsroom_journeys import SEED_STORY

pytestmark = pytest.mark.django_db(transaction=True)
SITE = "https://news.example.org"  # SITE_URL in the tests: emailed links are rewritten to the live server


@pytest.fixture
def demo(demo_newsroom, settings):
    settings.COMMENT_TOKEN_MIN_AGE = 1


def post(page, *, name, email, text, notify=False, remember=False, path=SEED_STORY):
    page.goto(page.base + path)
    page.fill("#cf-name", name)
    page.fill("#cf-email", email)
    page.fill("#cf-text", text)
    if notify:
        page.check("#cf-notify")
    if remember:
        page.check("#cf-remember")
    page.wait_for_timeout(1100)  # the form's token must be at least a second old
    page.click("#comment-form button[type=submit]")
    page.wait_for_url(re.compile(r"/posted/\?t="))


def emailed_link(message, path):
    url = re.search(rf"{re.escape(SITE)}(/comments/{path}[^\s]+)", message.body).group(1)
    return url


def test_a_reader_confirms_notifications_gets_a_reply_and_unsubscribes_with_one_click(page_at, demo):
    reader = page_at(width=390, height=844)
    post(reader, name="Lucía", email="lucia@example.net", text="Who led the operation?", notify=True)
    assert "awaiting moderation" in reader.inner_text("main")
    confirmation = [m for m in mail.outbox if m.to == ["lucia@example.net"]]
    assert len(confirmation) == 1 and "List-Unsubscribe" not in confirmation[0].extra_headers
    reader.goto(reader.base + emailed_link(confirmation[0], "notify/confirm/"))
    reader.shot("confirm-asks")
    reader.click("button:has-text('Confirm')")
    reader.wait_for_selector("h1:has-text('Notifications confirmed')")
    reader.shot("confirmed")
    comment = Comment.objects.get(email="lucia@example.net")
    assert ReplySubscription.objects.get(comment=comment).confirmed_at is not None

    moderation.approve(comments=comment)
    other = page_at(width=1280)
    post(other, name="Tomás", email="tomas@example.org", text="The Attorney General's office.",
         path=f"{SEED_STORY}?reply_to={comment.pk}")  # fmt: skip
    reply = Comment.objects.get(email="tomas@example.org")
    assert reply.parent_id == comment.pk
    assert [m for m in mail.outbox if m.to == ["lucia@example.net"]] == confirmation  # not yet approved
    moderation.approve(comments=reply)
    notices = [m for m in mail.outbox if m.to == ["lucia@example.net"] and m not in confirmation]
    assert len(notices) == 1 and "The Attorney General's office." in notices[0].body

    # The mail provider's one-click unsubscribe: a POST without cookies or CSRF token.
    target = notices[0].extra_headers["List-Unsubscribe"].strip("<>").removeprefix(SITE)
    assert notices[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    answer = reader.request.post(
        reader.base + target,
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status == 200
    assert not ReplySubscription.objects.filter(comment=comment).exists()
    assert reader.context.cookies() == []


def test_a_reader_edits_their_comment_from_the_page_after_posting(page_at, demo, run_axe):
    reader = page_at(width=1280)
    post(reader, name="Ana", email="ana@example.net", text="The network was in Nogals.")
    reader.shot("posted")
    assert run_axe(reader) == []
    reader.click("a.edit-own")
    reader.wait_for_selector("h1:has-text('Edit your comment')")
    assert run_axe(reader) == []
    reader.fill("#ef-text", "The network was in Nogales.")
    reader.shot("editing")
    reader.click("button:has-text('Save changes')")
    reader.wait_for_url(re.compile(r"/posted/\?t="))
    assert Comment.objects.get(email="ana@example.net").text == "The network was in Nogales."
    reader.click("a.edit-own")
    reader.click("button:has-text('Delete my comment')")
    reader.wait_for_selector("h1:has-text('Comment deleted')")
    assert Comment.objects.get(email="ana@example.net").status == "removed"
    assert reader.context.cookies() == []


def test_remembered_details_survive_a_reload_and_can_be_forgotten(page_at, demo, run_axe):
    reader = page_at(width=1280)
    sent = []
    reader.on("request", lambda r: sent.append(r.post_data or "") if r.method == "POST" else None)
    post(reader, name="Marta", email="marta@example.net", text="Useful round-up.", remember=True)
    assert sent and all("remember" not in body for body in sent)  # the server never sees the box
    reader.goto(reader.base + SEED_STORY)
    reader.reload()
    assert reader.input_value("#cf-name") == "Marta"
    assert reader.input_value("#cf-email") == "marta@example.net"
    assert reader.is_checked("#cf-remember")
    assert run_axe(reader) == []
    reader.shot("remembered")
    reader.click("button:has-text('Forget my saved details')")
    assert reader.input_value("#cf-name") == "" and not reader.is_checked("#cf-remember")
    reader.reload()
    assert reader.input_value("#cf-name") == ""
    assert reader.evaluate("localStorage.length") == 0
    assert reader.context.cookies() == []
