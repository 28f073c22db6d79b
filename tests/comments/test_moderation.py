"""Moderators: the admin list, filters and bulk actions, the change form, the word lists."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from comments import moderation
from comments.models import Comment
from tests.comments.helpers import make_comment, post_comment
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture
def moderator():
    return make_user("mod", groups=["Moderators"], is_staff=True, email="mod@newsroom.example")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def test_moderators_list_comments_and_filter_them_by_status(moderator_client, story):
    make_comment(story, status="pending", text="Waiting for a decision.")
    make_comment(story, status="approved", text="Already out.")
    response = moderator_client.get(CHANGELIST + "?status=pending")
    assert response.status_code == 200
    assert "Waiting for a decision." in response.text and "Already out." not in response.text


@pytest.mark.parametrize(
    "action, status",
    [
        ("approve_selected", "approved"),
        ("mark_selected_as_spam", "spam"),
        ("remove_selected", "removed"),
        ("restore_selected", "pending"),
    ],
)
def test_bulk_actions_set_the_status_with_who_and_when(moderator_client, moderator, story, action, status):
    start = "removed" if status == "pending" else "pending"
    comments = [make_comment(story, status=start) for _ in range(3)]
    before = {c.pk: c.status_changed_at for c in comments}
    response = moderator_client.post(
        f"{CHANGELIST}?status={start}",
        {"action": action, "_selected_action": [c.pk for c in comments[:2]]},
        follow=True,
    )
    assert response.status_code == 200 and ": 2." in response.text
    changed = Comment.objects.filter(pk__in=[c.pk for c in comments[:2]])
    assert {c.status for c in changed} == {status}
    assert all(c.status_changed_by == moderator and c.status_changed_at > before[c.pk] for c in changed)
    assert Comment.objects.get(pk=comments[2].pk).status == start


def test_approving_in_admin_publishes_the_comment_on_the_story_page(moderator_client, client, story):
    post_comment(client, story, text="Please publish me.")
    comment = Comment.objects.get()
    assert "Please publish me." not in client.get(story.get_absolute_url()).text
    moderator_client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [comment.pk]})
    client.logout()
    assert "Please publish me." in client.get(story.get_absolute_url()).text


def test_changing_the_status_in_the_form_is_recorded_like_an_action(moderator_client, moderator, story):
    comment = make_comment(story, status="pending", name="Ana", website="", text="Original.")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    data = {
        "name": "Ana",
        "email": comment.email,
        "website": "",
        "text": "Original, typo fixed.",
        "status": "approved",
    }
    assert moderator_client.post(url, data).status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.status_changed_by, comment.text) == (
        "approved",
        moderator,
        "Original, typo fixed.",
    )


def test_staff_without_the_email_permission_never_see_commenters_emails(client, story):
    comment = make_comment(story, status="pending", email="hidden.person@example.net", text="Quiet words.")
    editor = make_user("ed", groups=["Editors"], is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_comment", "change_comment"]))
    client.force_login(editor)
    for url in (CHANGELIST, reverse("admin:comments_comment_change", args=[comment.pk])):
        response = client.get(url)
        assert response.status_code == 200 and "hidden.person" not in response.text
    assert "Quiet words." in client.get(CHANGELIST + "?q=Quiet").text
    assert "Quiet words." not in client.get(CHANGELIST + "?q=hidden.person").text  # no search by email


def test_moderators_see_the_email_and_can_search_by_it(moderator_client, story):
    comment = make_comment(story, status="pending", email="findme@example.net", text="Find me.")
    assert (
        "findme@example.net"
        in moderator_client.get(reverse("admin:comments_comment_change", args=[comment.pk])).text
    )
    assert "Find me." in moderator_client.get(CHANGELIST + "?q=findme@example").text


def test_comments_cannot_be_added_in_admin(moderator_client):
    assert moderator_client.get(reverse("admin:comments_comment_add")).status_code == 403


def test_moderators_edit_the_word_lists(moderator_client):
    response = moderator_client.post(
        reverse("admin:comments_blockedword_add"), {"phrase": "casino", "action": "spam"}
    )
    assert response.status_code == 302
    assert (
        "casino (Mark as spam)" in moderator_client.get(reverse("admin:comments_blockedword_changelist")).text
    )


def test_moderation_functions_report_how_many_changed(story, moderator):
    comments = [make_comment(story, status="pending") for _ in range(2)]
    assert moderation.approve(comments=Comment.objects.all(), by=moderator) == 2
    assert moderation.approve(comments=Comment.objects.all(), by=moderator) == 0
    assert moderation.mark_spam(comments=comments[0]) == 1
    assert comments[0].status == "spam"
