"""Blocking a sender: the admin action and button, the spam rule, expiry, the block list's
admin (masked emails without the permission), and export, erase and purge."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from comments import blocking
from comments.client import ip_hash
from comments.models import BlockedSender, BlockedWord, Comment
from tests.comments.helpers import form_data, make_comment
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return make_user("mod", groups=["Moderators"], is_staff=True)


@pytest.fixture
def offender(story):
    return make_comment(story, email="Troll@Example.net", ip_hash=ip_hash("192.0.2.9"), status="pending")


def post_comment(client, story, ip="198.51.100.200", **overrides):
    return client.post(
        reverse("comments:post", args=[story.pk]), form_data(story, **overrides), REMOTE_ADDR=ip
    )


def newest():
    return Comment.objects.order_by("-pk").first()


def test_the_change_page_button_blocks_email_and_ip_hash_and_records_who(client, moderator, offender):
    client.force_login(moderator)
    change = client.get(reverse("admin:comments_comment_change", args=[offender.pk])).text
    assert "Block this sender" in change
    response = client.post(reverse("admin:comments_comment_block", args=[offender.pk]))
    assert response.status_code == 302
    entries = {(e.kind, e.value, e.added_by) for e in BlockedSender.objects.all()}
    assert entries == {("email", "troll@example.net", moderator), ("ip_hash", offender.ip_hash, moderator)}


def test_the_block_button_needs_post_and_the_permissions(client, offender):
    editor = make_user("ed", groups=["Editors"], is_staff=True)
    client.force_login(editor)
    assert client.post(reverse("admin:comments_comment_block", args=[offender.pk])).status_code == 403
    assert not BlockedSender.objects.exists()


def test_the_admin_action_blocks_the_senders_of_the_selected_comments(client, moderator, story, offender):
    other = make_comment(story, email="other@example.org", ip_hash="", status="pending")
    client.force_login(moderator)
    response = client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "block_senders", "_selected_action": [offender.pk, other.pk]},
    )
    assert response.status_code == 302
    assert BlockedSender.objects.count() == 3


def test_a_blocked_email_sends_new_comments_to_spam_with_the_reason(client, story, offender):
    blocking.block(Comment.objects.filter(pk=offender.pk), by=None)
    post_comment(client, story, email="TROLL@example.net", ip="198.51.100.1")
    comment = newest()
    assert (comment.status, comment.held_rule) == ("spam", "blocked_sender")
    assert "email" in comment.held_detail and "troll" not in comment.held_detail


def test_a_blocked_ip_hash_sends_new_comments_to_spam(client, story, offender):
    BlockedSender.objects.create(kind="ip_hash", value=offender.ip_hash)
    post_comment(client, story, email="fresh@example.org", ip="192.0.2.9")
    assert (newest().status, newest().held_rule) == ("spam", "blocked_sender")
    post_comment(client, story, email="fresh@example.org", text="Another one.", ip="192.0.2.10")
    assert newest().status == "pending" and newest().held_rule == ""


def test_expired_entries_are_ignored_and_purged(client, story, offender):
    past, future = timezone.now() - timedelta(minutes=1), timezone.now() + timedelta(days=1)
    BlockedSender.objects.create(kind="email", value="troll@example.net", expires_at=past)
    BlockedSender.objects.create(kind="ip_hash", value="d" * 64, expires_at=future)
    post_comment(client, story, email="troll@example.net", ip="198.51.100.1")
    assert newest().status == "pending"
    out = StringIO()
    call_command("purge_commenter_data", stdout=out)
    assert "Deleted 1 expired block list entries." in out.getvalue()
    assert list(BlockedSender.objects.values_list("value", flat=True)) == ["d" * 64]


def test_blocking_for_a_number_of_days_sets_the_expiry(offender):
    blocking.block(Comment.objects.filter(pk=offender.pk), by=None, days=7)
    for entry in BlockedSender.objects.all():
        assert timedelta(days=6) < entry.expires_at - timezone.now() <= timedelta(days=7)


def test_the_word_lists_keep_working(client, story):
    BlockedWord.objects.create(phrase="casino", action="spam")
    BlockedWord.objects.create(phrase="watches", action="hold")
    post_comment(client, story, text="Best casino here.")
    assert (newest().status, newest().held_rule) == ("spam", "spam_words")
    post_comment(client, story, text="Cheap watches here.")
    assert (newest().status, newest().held_rule) == ("pending", "hold_words")


def test_the_block_list_masks_emails_without_the_permission(client, moderator):
    BlockedSender.objects.create(kind="email", value="troll@example.net", added_by=moderator)
    entry = BlockedSender.objects.create(kind="ip_hash", value="e" * 64)
    limited = make_user("limited", is_staff=True)
    from django.contrib.auth.models import Permission

    limited.user_permissions.add(*Permission.objects.filter(codename__endswith="_blockedsender"))
    client.force_login(limited)
    listing = client.get(reverse("admin:comments_blockedsender_changelist")).text
    assert "troll@example.net" not in listing and "t•••@example.net" in listing and "e" * 64 in listing
    email_entry = BlockedSender.objects.get(kind="email")
    page = client.get(reverse("admin:comments_blockedsender_change", args=[email_entry.pk])).text
    assert "troll@example.net" not in page
    client.post(
        reverse("admin:comments_blockedsender_change", args=[email_entry.pk]),
        {"kind": "email", "value": "changed@example.net"},
    )
    assert BlockedSender.objects.filter(value="troll@example.net").exists()
    client.force_login(moderator)
    listing = client.get(reverse("admin:comments_blockedsender_changelist")).text
    assert "troll@example.net" in listing and entry.pk


def test_an_entry_added_in_admin_records_who_added_it(client, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse("admin:comments_blockedsender_add"),
        {
            "kind": "email",
            "value": " Spammer@Example.COM ",
            "expires_at_0": "",
            "expires_at_1": "",
            "note": "",
        },
    )
    assert response.status_code == 302
    entry = BlockedSender.objects.get()
    assert (entry.value, entry.added_by) == ("spammer@example.com", moderator)


def test_export_and_erase_include_block_entries_for_the_email(offender):
    blocking.block(Comment.objects.filter(pk=offender.pk), by=None)
    out = StringIO()
    call_command("commenter_data", "export", "troll@example.net", stdout=out)
    data = json.loads(out.getvalue())
    assert [e["value"] for e in data["blocked_senders"]] == ["troll@example.net"]
    call_command("commenter_data", "erase", "troll@example.net", stdout=StringIO())
    assert list(BlockedSender.objects.values_list("kind", flat=True)) == ["ip_hash"]


@pytest.mark.parametrize(("days", "lasts"), [("30", timedelta(days=30)), ("", None), ("9999", None)])
def test_the_block_button_can_block_for_a_number_of_days(client, moderator, offender, days, lasts):
    client.force_login(moderator)
    client.post(reverse("admin:comments_comment_block", args=[offender.pk]), {"days": days})
    for entry in BlockedSender.objects.all():
        if lasts is None:
            assert entry.expires_at is None
        else:
            assert lasts - timedelta(minutes=1) < entry.expires_at - timezone.now() <= lasts
