"""What each role may do in admin: editors publish, contributors draft their own stories,
moderators keep away from stories; only moderators (and superusers) work on comments."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.models import Story
from comments.models import BlockedWord, Comment, ModerationRecord
from tests.articles.test_admin import story_form
from tests.comments.helpers import make_comment
from tests.factories import make_story, make_user

pytestmark = pytest.mark.django_db
ADD = reverse("admin:articles_story_add")
CHANGELIST = reverse("admin:articles_story_changelist")


def logged_in(client, username, role):
    user = make_user(username, groups=[role], is_staff=True)
    client.force_login(user)
    return user


def test_contributor_creates_a_draft_and_submits_it_for_review(client):
    logged_in(client, "writer", "Contributors")
    response = client.post(ADD, story_form(status="review"))
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.status == "review" and not story.is_public


def test_contributor_cannot_publish(client):
    logged_in(client, "writer", "Contributors")
    form = client.get(ADD).text
    assert 'value="published"' not in form
    response = client.post(ADD, story_form(status="published"))
    assert response.status_code == 200
    assert not Story.objects.exists()
    draft = make_story(status="draft", published_at=None)
    draft.created_by_id = client.session["_auth_user_id"]
    draft.save()
    actions = client.get(CHANGELIST).text
    assert "publish_selected" not in actions
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_contributor_sees_and_edits_only_their_own_stories(client):
    writer = logged_in(client, "writer", "Contributors")
    own = make_story("Mine", status="draft", published_at=None)
    Story.objects.filter(pk=own.pk).update(created_by=writer)
    others = make_story("Someone else's", status="draft", published_at=None)
    listing = client.get(CHANGELIST).text
    assert "Mine" in listing and "Someone else" not in listing
    assert client.get(reverse("admin:articles_story_change", args=[others.pk])).status_code == 302
    assert client.get(reverse("admin:articles_story_change", args=[own.pk])).status_code == 200


def test_contributor_cannot_change_a_story_once_submitted(client):
    writer = logged_in(client, "writer", "Contributors")
    story = make_story("Submitted", status="review", published_at=None)
    Story.objects.filter(pk=story.pk).update(created_by=writer)
    page = client.get(reverse("admin:articles_story_change", args=[story.pk])).text
    assert 'name="headline"' not in page  # read-only view


def test_editor_publishes(client):
    logged_in(client, "desk", "Editors")
    response = client.post(ADD, story_form(status="published"))
    assert response.status_code == 302
    assert Story.objects.get().is_public


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("admin:articles_story_change", True),
        ("admin:articles_story_add", False),
        ("admin:articles_story_changelist", False),
    ],
)
def test_moderator_cannot_open_story_pages(client, url_name, args):
    logged_in(client, "mod", "Moderators")
    story = make_story()
    response = client.get(reverse(url_name, args=[story.pk] if args else []))
    assert response.status_code == 403


# The comment side: only moderators (and superusers) open the moderation queue, decide,
# reply, keep the word lists, read the audit trail and see commenters' emails.

ROLES = ["editor", "contributor", "moderator", "superuser", "staff"]
MODERATES = {"moderator", "superuser"}
COMMENTS = reverse("admin:comments_comment_changelist")
BULK_ACTIONS = [
    ("approve_selected", "pending", "approved"), ("mark_selected_as_spam", "pending", "spam"),
    ("remove_selected", "approved", "removed"), ("restore_selected", "removed", "pending"),
]  # fmt: skip


def as_role(client, role):
    groups = {"editor": ["Editors"], "contributor": ["Contributors"], "moderator": ["Moderators"]}.get(
        role, []
    )
    user = make_user(
        role, groups=groups, is_staff=True, is_superuser=role == "superuser", email=f"{role}@news.example"
    )
    client.force_login(user)
    return user


def pending_comment(**fields):
    return make_comment(make_story(), status="pending", email="hidden.person@example.net", **fields)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["changelist", "change", "word lists", "audit list", "audit record"])
def test_only_moderators_open_the_comment_pages(client, role, page):
    as_role(client, role)
    comment = pending_comment()
    ModerationRecord.objects.create(comment=comment, comment_number=comment.pk, to_status="pending")
    url = {
        "changelist": COMMENTS,
        "change": reverse("admin:comments_comment_change", args=[comment.pk]),
        "word lists": reverse("admin:comments_blockedword_changelist"),
        "audit list": reverse("admin:comments_moderationrecord_changelist"),
        "audit record": reverse(
            "admin:comments_moderationrecord_change", args=[ModerationRecord.objects.get().pk]
        ),
    }[page]
    assert client.get(url).status_code == (200 if role in MODERATES else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action, start, end", BULK_ACTIONS)
def test_only_moderators_run_the_bulk_actions(client, role, action, start, end):
    as_role(client, role)
    comment = make_comment(make_story(), status=start)
    response = client.post(f"{COMMENTS}?status={start}", {"action": action, "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    if role in MODERATES:
        assert response.status_code == 302 and comment.status == end
        assert ModerationRecord.objects.get().by_name == role
    else:
        assert response.status_code == 403 and comment.status == start
        assert not ModerationRecord.objects.exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("decision, end", [("approve", "approved"), ("spam", "spam")])
def test_only_moderators_decide_in_one_click(client, role, decision, end):
    as_role(client, role)
    comment = pending_comment()
    response = client.post(reverse(f"admin:comments_comment_{decision}", args=[comment.pk]))
    comment.refresh_from_db()
    assert (response.status_code, comment.status) == ((302, end) if role in MODERATES else (403, "pending"))


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_reply_as_the_newsroom(client, role):
    as_role(client, role)
    comment = make_comment(make_story(), status="approved")
    response = client.post(
        reverse("admin:comments_comment_reply", args=[comment.pk]), {"text": "From the desk."}
    )
    replied = Comment.objects.filter(parent=comment, is_staff_reply=True).exists()
    assert (response.status_code, replied) == ((302, True) if role in MODERATES else (403, False))


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_edit_the_word_lists(client, role):
    as_role(client, role)
    response = client.post(reverse("admin:comments_blockedword_add"), {"phrase": "casino", "action": "spam"})
    assert (response.status_code, BlockedWord.objects.exists()) == (
        (302, True) if role in MODERATES else (403, False)
    )


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_see_the_pending_counter(client, role):
    as_role(client, role)
    pending_comment()
    page = client.get(reverse("admin:index")).text
    assert ("1 comment pending" in page) is (role in MODERATES)


@pytest.mark.parametrize("role", ["moderator", "superuser"])
def test_moderators_and_superusers_see_commenters_emails(client, role):
    as_role(client, role)
    comment = pending_comment()
    assert "hidden.person@example.net" in client.get(COMMENTS).text
    assert (
        "hidden.person@example.net"
        in client.get(reverse("admin:comments_comment_change", args=[comment.pk])).text
    )


def test_staff_allowed_to_read_comments_without_the_email_permission_see_it_masked(client):
    user = as_role(client, "staff")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_comment", "change_comment"]))
    comment = pending_comment(ip_hash="f" * 64)
    queue = client.get(COMMENTS).text
    assert "h•••@example.net" in queue and "hidden.person" not in queue
    assert "formaction" not in queue and "approve_selected" not in queue  # no decisions either
    change = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).text
    assert "hidden.person" not in change and "f" * 64 not in change
    assert "Reply as the newsroom" not in change and "moderation-history" not in change
    assert client.post(reverse("admin:comments_comment_approve", args=[comment.pk])).status_code == 403
    assert comment.status == Comment.objects.get(pk=comment.pk).status == "pending"


def test_a_fresh_migrate_creates_the_roles_in_a_data_migration():
    from types import SimpleNamespace

    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    Group.objects.all().delete()
    loader = MigrationLoader(connection)
    migration = loader.get_migration("comments", "0004_roles")
    state_apps = loader.project_state(("comments", "0004_roles"), at_end=False).apps
    migration.operations[0].code(state_apps, SimpleNamespace(connection=connection))
    moderators = Group.objects.get(name="Moderators")
    assert set(moderators.permissions.values_list("codename", flat=True)) == {
        "change_comment", "view_comment", "add_blockedword", "change_blockedword", "delete_blockedword",
        "view_blockedword", "view_moderationrecord", "view_commenter_email", "moderate_comment",
        "add_blockedsender", "change_blockedsender", "delete_blockedsender", "view_blockedsender",
        "view_commentreport",
    }  # fmt: skip
    assert Group.objects.get(name="Editors").permissions.filter(codename="publish_story").exists()
    assert (
        not Group.objects.get(name="Editors").permissions.filter(content_type__app_label="comments").exists()
    )
    assert not Group.objects.get(name="Contributors").permissions.filter(codename="publish_story").exists()


def test_sync_roles_puts_the_groups_right_again():
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    moderators = Group.objects.get(name="Moderators")
    moderators.permissions.add(Permission.objects.get(codename="delete_comment"))
    moderators.permissions.remove(Permission.objects.get(codename="moderate_comment"))
    call_command("sync_roles", stdout=open("/dev/null", "w"))
    assert not moderators.permissions.filter(codename="delete_comment").exists()
    assert moderators.permissions.filter(codename="moderate_comment").exists()
