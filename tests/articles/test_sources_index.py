"""The cited-sources list in admin: every source across stories, searchable, read-only, and
limited to the stories the user may open."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Source, Story
from tests.factories import make_author, make_story, make_user

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:articles_source_changelist")


def cite(story, title):
    return Source.objects.create(story=story, title=title, outlet="El Universal", language="es")


def test_editors_find_a_source_across_stories_and_reach_its_story(client):
    client.force_login(make_user("editor", groups=["Editors"], is_staff=True))
    story = make_story("Border network dismantled")
    cite(story, "EU y México desmantelan red")
    cite(make_story("Other story"), "Unrelated report")
    page = client.get(LIST_URL + "?q=desmantelan").content.decode()
    assert "EU y México desmantelan red" in page and "Unrelated report" not in page
    assert reverse("admin:articles_story_change", args=[story.pk]) in page


def test_the_list_is_read_only(client):
    client.force_login(make_user("editor", groups=["Editors"], is_staff=True))
    source = cite(make_story(), "A report")
    assert client.get(reverse("admin:articles_source_add")).status_code == 403
    response = client.post(reverse("admin:articles_source_change", args=[source.pk]), {"title": "Changed"})
    assert response.status_code == 403
    assert Source.objects.get(pk=source.pk).title == "A report"


def test_contributors_see_only_the_sources_of_their_own_stories(client):
    client.force_login(make_user("contributor", groups=["Contributors"], is_staff=True))
    user = get_user_model().objects.get(username="contributor")
    cite(make_story("Mine", status=Story.Status.DRAFT, authors=[make_author(user=user)]), "My source")
    cite(make_story("Someone else's embargoed story", status=Story.Status.DRAFT), "Their source")
    page = client.get(LIST_URL).content.decode()
    assert "My source" in page and "Their source" not in page
