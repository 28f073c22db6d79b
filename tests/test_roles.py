"""What each role may do in admin: editors publish, contributors draft their own stories,
moderators keep away from stories."""

import pytest
from django.urls import reverse

from articles.models import Story
from tests.articles.test_admin import story_form
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


@pytest.mark.parametrize("url_name, args", [("admin:articles_story_change", True), ("admin:articles_story_add", False),
                                            ("admin:articles_story_changelist", False)])
def test_moderator_cannot_open_story_pages(client, url_name, args):
    logged_in(client, "mod", "Moderators")
    story = make_story()
    response = client.get(reverse(url_name, args=[story.pk] if args else []))
    assert response.status_code == 403
