"""The audit trail: every moderation decision is a record of who, when, from what state to
what state, with an optional note; records are read-only in admin and nobody deletes them
there."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from comments import moderation
from comments.models import Comment, ModerationRecord
from tests.comments.helpers import make_comment
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")
RECORDS = reverse("admin:comments_moderationrecord_changelist")


@pytest.fixture
def moderator():
    return make_user("mod", groups=["Moderators"], is_staff=True)


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def rows_by(listing):
    return re.findall(r'<td class="field-by_name">([^<]*)</td>', listing)


def trail(comment):
    records = ModerationRecord.objects.filter(comment=comment).order_by("at", "id")
    return [(r.action, r.from_status, r.to_status, r.by_name, r.note) for r in records]


@pytest.mark.parametrize(
    "action, start, end",
    [("approve_selected", "pending", "approved"), ("mark_selected_as_spam", "pending", "spam"),
     ("remove_selected", "approved", "removed"), ("restore_selected", "spam", "pending")],
)  # fmt: skip
def test_each_bulk_action_records_each_change(moderator_client, moderator, story, action, start, end):
    chosen = [make_comment(story, status=start) for _ in range(2)]
    already = make_comment(story, status=end)
    moderator_client.post(
        f"{CHANGELIST}?status=all", {"action": action, "_selected_action": [c.pk for c in [*chosen, already]]}
    )
    for comment in chosen:
        assert trail(comment) == [("status", start, end, "mod", "")]
        record = ModerationRecord.objects.get(comment=comment)
        assert record.by == moderator and record.comment_number == comment.pk
    assert trail(already) == []  # nothing changed, nothing recorded


@pytest.mark.parametrize("decision, end", [("approve", "approved"), ("spam", "spam")])
def test_each_one_click_decision_is_recorded(moderator_client, story, decision, end):
    comment = make_comment(story, status="pending")
    moderator_client.post(reverse(f"admin:comments_comment_{decision}", args=[comment.pk]))
    assert trail(comment) == [("status", "pending", end, "mod", "")]


def test_the_change_form_records_the_status_and_the_text_edit_with_the_note(moderator_client, story):
    comment = make_comment(story, status="pending", name="Ana", text="Teh original.")
    data = {"name": "Ana", "email": comment.email, "website": "", "text": "The original.",
            "status": "approved", "note": "Typo fixed at the reader's request."}  # fmt: skip
    assert (
        moderator_client.post(reverse("admin:comments_comment_change", args=[comment.pk]), data).status_code
        == 302
    )
    note = "Typo fixed at the reader's request."
    assert trail(comment) == [
        ("edited", "pending", "pending", "mod", note),
        ("status", "pending", "approved", "mod", note),
    ]


def test_saving_the_form_unchanged_records_nothing(moderator_client, story):
    comment = make_comment(story, status="pending", name="Ana", website="", text="Same.")
    data = {
        "name": "Ana",
        "email": comment.email,
        "website": "",
        "text": "Same.",
        "status": "pending",
        "note": "",
    }
    moderator_client.post(reverse("admin:comments_comment_change", args=[comment.pk]), data)
    assert trail(comment) == []


def test_erasing_a_commenters_data_is_recorded(story):
    comments = [make_comment(story, status=s, email="gone@example.net") for s in ("approved", "spam")]
    call_command(
        "commenter_data", "erase", "gone@example.net", "--remove-text", stdout=open("/dev/null", "w")
    )
    assert trail(comments[0]) == [
        ("erased", "approved", "approved", "", "commenter_data erase --remove-text")
    ]
    assert trail(comments[1]) == [("erased", "spam", "spam", "", "commenter_data erase --remove-text")]
    call_command("commenter_data", "erase", "nobody@example.net", "--dry-run", stdout=open("/dev/null", "w"))
    assert ModerationRecord.objects.count() == 2


def test_a_dry_run_erase_records_nothing(story):
    make_comment(story, email="kept@example.net")
    call_command("commenter_data", "erase", "kept@example.net", "--dry-run", stdout=open("/dev/null", "w"))
    assert not ModerationRecord.objects.exists()


def test_the_newsrooms_reply_is_recorded(moderator_client, story):
    comment = make_comment(story, status="approved")
    moderator_client.post(reverse("admin:comments_comment_reply", args=[comment.pk]), {"text": "Thanks."})
    reply = Comment.objects.get(parent=comment)
    assert trail(reply) == [("reply", "", "approved", "mod", f"reply to #{comment.pk}")]


def test_the_trail_answers_who_removed_a_comment_and_when(moderator_client, story):
    comment = make_comment(story, status="pending")
    moderation.approve(comments=comment, by=make_user("early", is_staff=True))
    moderation.remove(comments=comment, by=make_user("late", is_staff=True), note="Abusive.")
    page = moderator_client.get(reverse("admin:comments_comment_change", args=[comment.pk])).text
    history = page[page.index('class="moderation-history"') :]
    assert history.index("early") < history.index("late") and "Abusive." in history
    assert "<input" not in history.split("</table>")[0]
    late = ModerationRecord.objects.get(by_name="late")
    listing = moderator_client.get(RECORDS, {"to_status": "removed"}).text
    assert f">#{comment.pk}</a>" in listing and rows_by(listing) == ["late"]
    assert rows_by(moderator_client.get(RECORDS, {"by": late.by_id}).text) == ["late"]
    assert rows_by(moderator_client.get(RECORDS, {"q": str(comment.pk)}).text) == ["late", "early"]
    assert rows_by(moderator_client.get(RECORDS, {"q": "not a number"}).text) == []


@pytest.mark.parametrize("who", ["moderator", "superuser"])
def test_nobody_adds_changes_or_deletes_records_in_admin(client, story, who):
    user = (
        make_user("root", is_staff=True, is_superuser=True) if who == "superuser"
        else make_user("mod", groups=["Moderators"], is_staff=True)
    )  # fmt: skip
    client.force_login(user)
    comment = make_comment(story, status="pending")
    moderation.approve(comments=comment, by=user)
    record = ModerationRecord.objects.get()
    change = reverse("admin:comments_moderationrecord_change", args=[record.pk])
    assert client.get(reverse("admin:comments_moderationrecord_add")).status_code == 403
    assert client.get(reverse("admin:comments_moderationrecord_delete", args=[record.pk])).status_code == 403
    assert (
        client.post(
            reverse("admin:comments_moderationrecord_delete", args=[record.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert client.post(change, {"note": "rewritten", "to_status": "spam"}).status_code == 403
    assert 'name="note"' not in client.get(change).text  # a read-only view
    listing = client.get(RECORDS).text
    assert "delete_selected" not in listing and 'name="action"' not in listing
    client.post(RECORDS, {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"})
    record.refresh_from_db()
    assert (record.note, record.to_status) == ("", "approved")


@pytest.mark.parametrize("param", ["q", "by", "to_status", "action", "at__gte", "p", "o"])
@pytest.mark.parametrize("value", ["\x00", "' OR 1=1 --", "9" * 30, "-1", "😀"])
def test_odd_parameters_never_break_the_audit_list(moderator_client, story, param, value):
    moderation.approve(comments=make_comment(story, status="pending"))
    assert moderator_client.get(RECORDS, {param: value}, follow=True).status_code == 200


def test_records_are_only_ever_added(story):
    comment = make_comment(story, status="pending")
    moderation.approve(comments=comment)
    record = ModerationRecord.objects.get()
    record.note = "rewritten"
    with pytest.raises(ValueError):
        record.save()


def test_records_outlive_the_comment(moderator_client, story):
    comment = make_comment(story, status="pending")
    moderation.mark_spam(comments=comment)
    number = comment.pk
    comment.delete()
    record = ModerationRecord.objects.get()
    assert (record.comment_id, record.comment_number) == (None, number)
    assert f"#{number} (deleted)" in moderator_client.get(RECORDS).text


def test_a_superuser_can_delete_records_from_the_shell(story):
    moderation.approve(comments=make_comment(story, status="pending"))
    ModerationRecord.objects.all().delete()
    assert not ModerationRecord.objects.exists()
