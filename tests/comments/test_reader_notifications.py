"""Reply notifications: asked for with the comment, confirmed by a signed link, sent when a
reply is published, stopped with one click (RFC 8058) or for the whole address."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from comments import moderation
from comments.models import Comment, ReplySubscription
from tests.comments.helpers import make_comment, post_comment
from tests.factories import make_user

pytestmark = pytest.mark.django_db
ADDRESS = "ana.notify@example.net"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def link(mail, path):
    return re.search(rf"https://news\.example\.org(/comments/notify/{path}/[^/\s]+/)", mail.body).group(1)


def ask_and_confirm(client, story, mailoutbox, on_commit):
    with on_commit():
        post_comment(client, story, email=ADDRESS, notify="on")
    comment = Comment.objects.get(email=ADDRESS)
    moderation.approve(comments=comment)
    assert client.post(link(mailoutbox[-1], "confirm")).status_code == 200
    return comment


def reply_to(client, story, comment, on_commit, **fields):
    with on_commit():
        post_comment(client, story, reply_to=str(comment.pk), email="tomas@example.org", **fields)
    reply = Comment.objects.latest("pk")
    with on_commit():
        moderation.approve(comments=reply)
    return reply


def test_the_box_is_unticked_and_nothing_is_sent_without_it(client, story, mailoutbox, on_commit):
    page = client.get(story.get_absolute_url()).text
    assert 'type="checkbox" name="notify" id="cf-notify"' in page and "checked" not in page
    # The "save my details" box is the script's: no name (never sent), hidden without it.
    assert '<div class="field field--check remember" hidden><input type="checkbox" id="cf-remember">' in page
    with on_commit():
        post_comment(client, story)
    assert ReplySubscription.objects.count() == 0 and mailoutbox == []


def test_ticking_the_box_sends_only_a_confirmation_without_an_unsubscribe_header(
    client, story, mailoutbox, on_commit
):
    with on_commit():
        post_comment(client, story, email=ADDRESS, notify="on")
    assert [mail.to for mail in mailoutbox] == [[ADDRESS]]
    confirmation = mailoutbox[0]
    assert confirmation.subject == f"Confirm reply notifications: {story.headline}"
    assert "List-Unsubscribe" not in confirmation.extra_headers
    assert "/comments/" in confirmation.body and "/edit/?t=" in confirmation.body  # the edit link
    assert ReplySubscription.objects.get().confirmed_at is None


def test_an_unconfirmed_address_gets_nothing_when_a_reply_is_published(client, story, mailoutbox, on_commit):
    with on_commit():
        post_comment(client, story, email=ADDRESS, notify="on")
    comment = Comment.objects.get()
    moderation.approve(comments=comment)
    reply_to(client, story, comment, on_commit)
    assert len(mailoutbox) == 1  # the confirmation only


def test_the_confirmation_link_asks_on_get_and_confirms_on_post(client, story, mailoutbox, on_commit):
    with on_commit():
        post_comment(client, story, email=ADDRESS, notify="on")
    url = link(mailoutbox[0], "confirm")
    asked = client.get(url)
    assert asked.status_code == 200 and "no-store" in asked["Cache-Control"]
    assert ReplySubscription.objects.get().confirmed_at is None  # mail scanners follow links
    assert client.post(url).status_code == 200 and not client.cookies
    assert ReplySubscription.objects.get().confirmed_at is not None


def test_a_confirmed_reader_gets_one_email_per_approved_reply_with_one_click_unsubscribe(
    client, story, mailoutbox, on_commit
):
    comment = ask_and_confirm(client, story, mailoutbox, on_commit)
    reply_to(client, story, comment, on_commit, name="Tomás", text="The Treasury named them.")
    notice = mailoutbox[-1]
    assert notice.to == [ADDRESS] and notice.subject == f"New reply to your comment: {story.headline}"
    assert "Tomás replied" in notice.body and "The Treasury named them." in notice.body
    assert "tomas@example.org" not in notice.body
    stop = notice.extra_headers["List-Unsubscribe"].strip("<>")
    assert stop.startswith("https://news.example.org/comments/notify/stop/")
    assert notice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # What a mail provider does: a cookie-less POST with the RFC 8058 body, no CSRF token.
    client.cookies.clear()
    answer = client.post(stop.removeprefix("https://news.example.org"), {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200 and ReplySubscription.objects.count() == 0
    sent = len(mailoutbox)
    reply_to(client, story, comment, on_commit, text="Another answer.")
    assert len(mailoutbox) == sent


def test_a_reply_removed_and_approved_again_is_told_of_once(client, story, mailoutbox, on_commit):
    comment = ask_and_confirm(client, story, mailoutbox, on_commit)
    reply = reply_to(client, story, comment, on_commit)
    sent = len(mailoutbox)
    with on_commit():
        moderation.remove(comments=reply)
        moderation.restore(comments=reply)
        moderation.approve(comments=reply)
    assert Comment.objects.get(pk=reply.pk).status == Comment.Status.APPROVED
    assert len(mailoutbox) == sent
    reply_to(client, story, comment, on_commit, text="A second answer.")  # a new reply still is
    assert len(mailoutbox) == sent + 1


def test_pending_and_removed_replies_send_nothing(client, story, mailoutbox, on_commit):
    comment = ask_and_confirm(client, story, mailoutbox, on_commit)
    sent = len(mailoutbox)
    with on_commit():
        post_comment(client, story, reply_to=str(comment.pk), email="tomas@example.org")
        moderation.remove(comments=Comment.objects.latest("pk"))
    assert len(mailoutbox) == sent


def test_the_newsrooms_reply_notifies_the_reader(client, story, mailoutbox, on_commit):
    comment = ask_and_confirm(client, story, mailoutbox, on_commit)
    editor = make_user("editor", first_name="Vera", last_name="Mateos", email="vera@newsroom.example")
    with on_commit():
        moderation.reply(parent=comment, text="We corrected the figure.", by=editor)
    assert "We corrected the figure." in mailoutbox[-1].body
    assert mailoutbox[-1].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_trusted_reply_published_at_once_notifies(client, story, mailoutbox, on_commit, settings):
    comment = ask_and_confirm(client, story, mailoutbox, on_commit)
    settings.COMMENTS_TRUST_RETURNING = True
    make_comment(story, email="tomas@example.org")
    with on_commit():
        post_comment(client, story, reply_to=str(comment.pk), email="tomas@example.org", text="Trusted.")
    assert Comment.objects.latest("pk").status == "approved"
    assert "Trusted." in mailoutbox[-1].body


def test_answering_oneself_sends_nothing(client, story, mailoutbox, on_commit):
    comment = ask_and_confirm(client, story, mailoutbox, on_commit)
    sent = len(mailoutbox)
    with on_commit():
        post_comment(client, story, reply_to=str(comment.pk), email=ADDRESS.upper(), text="Me again.")
        moderation.approve(comments=Comment.objects.latest("pk"))
    assert len(mailoutbox) == sent


def test_every_email_to_readers_has_an_unsubscribe_header_except_the_confirmation(
    client, story, mailoutbox, on_commit
):
    comment = ask_and_confirm(client, story, mailoutbox, on_commit)
    for n in range(2):
        reply_to(client, story, comment, on_commit, text=f"Answer {n}.")
    confirmations = [m for m in mailoutbox if m.subject.startswith("Confirm reply notifications")]
    others = [m for m in mailoutbox if m not in confirmations]
    assert len(confirmations) == 1 and len(others) == 2
    assert all("List-Unsubscribe" not in m.extra_headers for m in confirmations)
    assert all(m.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for m in others)


def test_stop_all_ends_every_notification_of_the_address(client, story, mailoutbox, on_commit):
    comment = ask_and_confirm(client, story, mailoutbox, on_commit)
    with on_commit():
        post_comment(client, story, email=ADDRESS, notify="on", text="A second comment.")
    assert ReplySubscription.objects.confirmed().count() == 2  # a confirmed address is not asked again
    reply_to(client, story, comment, on_commit)
    url = link(mailoutbox[-1], "stop-all")
    assert "Unsubscribe from all" in client.get(url).text
    assert client.post(url).status_code == 200
    assert ReplySubscription.objects.count() == 0


def test_emails_per_address_are_limited_per_hour(client, story, mailoutbox, on_commit, settings):
    settings.COMMENTS_READER_EMAILS_PER_HOUR = 3
    comment = ask_and_confirm(client, story, mailoutbox, on_commit)  # 1: the confirmation
    for n in range(4):
        reply_to(client, story, comment, on_commit, text=f"Answer {n}.")
    assert len([m for m in mailoutbox if m.to == [ADDRESS]]) == 3


@pytest.mark.parametrize("path", ["confirm", "stop", "stop-all"])
def test_bad_links_are_refused_with_a_400(client, story, path):
    assert client.post(f"/comments/notify/{path}/not-a-token/").status_code == 400
    assert client.get(f"/comments/notify/{path}/not-a-token/").status_code == 200  # asks first


def test_export_and_erase_include_the_subscriptions(client, story, mailoutbox, on_commit):
    comment = ask_and_confirm(client, story, mailoutbox, on_commit)
    out = StringIO()
    call_command("commenter_data", "export", ADDRESS.upper(), stdout=out)
    exported = json.loads(out.getvalue())["reply_notifications"]
    assert [row["comment_id"] for row in exported] == [comment.pk] and exported[0]["confirmed_at"]
    out = StringIO()
    call_command("commenter_data", "erase", ADDRESS, stdout=out)
    assert "Deleted 1 reply notifications." in out.getvalue()
    assert ReplySubscription.objects.count() == 0


def test_a_robot_filling_the_honeypot_cannot_send_a_confirmation(client, story, mailoutbox, on_commit):
    with on_commit():
        post_comment(client, story, email="victim@example.net", notify="on", subject="I am a robot")
    assert Comment.objects.get().status == "spam"
    assert ReplySubscription.objects.count() == 0 and mailoutbox == []


def test_a_stale_link_does_not_reach_a_later_subscription_with_the_same_number(
    client, story, mailoutbox, on_commit
):
    with on_commit():
        post_comment(client, story, email=ADDRESS, notify="on")
    old_confirm = link(mailoutbox[0], "confirm")
    subscription = ReplySubscription.objects.get()
    pk = subscription.pk
    subscription.delete()
    ReplySubscription.objects.create(pk=pk, comment=Comment.objects.get(), email="someone.else@example.org")
    assert client.post(old_confirm).status_code == 400
    assert ReplySubscription.objects.get().confirmed_at is None
