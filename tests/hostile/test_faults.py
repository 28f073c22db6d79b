"""When Redis or the database is gone, readers still get pages (or a clear 503), and no
comment is lost."""

import pytest
from django.db import OperationalError

from comments.models import Comment
from tests.comments.helpers import post_comment
from tests.factories import make_story

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "newsroom.cache_backends.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
        "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
    }
}


@pytest.fixture
def story(settings):
    settings.COMMENT_TOKEN_MIN_AGE = 2
    settings.COMMENTS_RATE_LIMIT = 3
    return make_story("Story while things break")


def test_with_redis_down_stories_are_served_and_comments_accepted(client, story, settings):
    settings.CACHES = DEAD_REDIS
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200 and "Story while things break" in page.text
    # The rate limiter cannot count without the shared cache: it lets comments through
    # (documented), and every one is stored for moderation.
    for n in range(settings.COMMENTS_RATE_LIMIT + 2):
        response = post_comment(client, story, text=f"Comment {n} while Redis is down")
        assert response.status_code == 302
    assert Comment.objects.filter(story=story).count() == settings.COMMENTS_RATE_LIMIT + 2


def test_with_the_database_down_readers_get_a_503_in_the_sites_look(client, story, monkeypatch):
    from articles.models import StoryQuerySet

    def unreachable(self):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(StoryQuerySet, "for_detail", unreachable)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 503
    assert "back in a moment" in response.text and 'class="site-header"' in response.text
    assert response["Retry-After"] == "30"
    monkeypatch.undo()  # the database is back: the next request is served normally
    assert client.get(story.get_absolute_url()).status_code == 200


def test_a_query_bug_is_not_disguised_as_an_outage(client, story, monkeypatch):
    from articles.models import StoryQuerySet

    def broken(self):
        raise OperationalError("no such column: articles_story.nonexistent")

    monkeypatch.setattr(StoryQuerySet, "for_detail", broken)
    client.raise_request_exception = False
    assert client.get(story.get_absolute_url()).status_code == 500
