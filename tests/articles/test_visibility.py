from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Story
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def test_published_story_with_past_time_is_public():
    story = make_story()
    assert list(Story.objects.published()) == [story]


@pytest.mark.parametrize("status", [Story.Status.DRAFT, Story.Status.IN_REVIEW, Story.Status.WITHDRAWN])
def test_unpublished_statuses_are_not_public(status):
    make_story(status=status, published_at=timezone.now() - timedelta(days=1))
    assert not Story.objects.published().exists()


def test_scheduled_story_appears_when_its_time_comes_without_any_job():
    story = make_story(published_at=timezone.now() + timedelta(hours=2))
    assert not Story.objects.published().exists()
    later = timezone.now() + timedelta(hours=3)
    assert list(Story.objects.published(now=later)) == [story]


@pytest.mark.parametrize(
    "status, offset",
    [("draft", -1), ("review", -1), ("withdrawn", -1), ("published", +2)],
)
def test_non_public_story_page_is_404_for_readers(client, status, offset):
    story = make_story(status=status, published_at=timezone.now() + timedelta(hours=offset))
    assert client.get(story.get_absolute_url()).status_code == 404


def test_staff_can_preview_a_draft(admin_client):
    story = make_story(headline="Draft for preview", status="draft", published_at=None)
    response = admin_client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Preview: this story is not public." in response.text
    assert response["Cache-Control"].startswith("private")


def test_published_story_cannot_lack_a_publication_time():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Story.objects.create(headline="x", slug="x", status="published", published_at=None)
