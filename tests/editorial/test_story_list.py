"""The story list: a Scheduled state with its filter and time zone, actions to publish now
or unschedule, and a fixed number of queries whatever the number of rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from editorial.models import StoryRevision
from tests.factories import make_category, make_story

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:articles_story_changelist")


@pytest.fixture
def scheduled():
    return make_story("Scheduled story", published_at=timezone.now() + datetime.timedelta(hours=2))


def test_a_scheduled_story_has_its_own_state_and_filter(editor, scheduled):
    live = make_story("Live story")
    page = editor.get(LIST_URL).content.decode()
    assert "Scheduled" in page

    filtered = editor.get(LIST_URL + "?state=scheduled").content.decode()
    assert scheduled.headline in filtered and live.headline not in filtered
    live_only = editor.get(LIST_URL + "?state=live").content.decode()
    assert live.headline in live_only and scheduled.headline not in live_only


def test_the_scheduled_time_is_shown_in_the_newsrooms_time_zone(editor, settings):
    settings.TIME_ZONE = "America/Mexico_City"
    at = datetime.datetime(2030, 3, 1, 15, 0, tzinfo=datetime.UTC)  # 09:00 in Mexico City
    make_story("Nine o'clock story", published_at=at)
    page = editor.get(LIST_URL).content.decode()
    assert "9 a.m. CST" in page


def test_publish_now_and_unschedule_from_the_list(editor, client, scheduled):
    other = make_story("Another scheduled", published_at=timezone.now() + datetime.timedelta(hours=3))
    editor.post(LIST_URL, {"action": "publish_now", "_selected_action": [scheduled.pk]})
    scheduled.refresh_from_db()
    assert scheduled.is_public
    assert client.get(scheduled.get_absolute_url()).status_code == 200

    editor.post(LIST_URL, {"action": "unschedule_selected", "_selected_action": [other.pk]})
    other.refresh_from_db()
    assert other.status == Story.Status.DRAFT
    assert StoryRevision.objects.filter(story=other, note="Unscheduled").exists()


def list_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LIST_URL).status_code == 200
    return len(captured)


def test_the_story_list_runs_the_same_queries_for_1_and_30_rows(editor):
    deep = make_category("Organized Crime", parent=make_category("Crime", parent=make_category("World")))
    make_story(category=deep)
    one = list_queries(editor)
    for _ in range(29):
        make_story(category=deep, published_at=timezone.now() + datetime.timedelta(days=1))
    assert list_queries(editor) == one
