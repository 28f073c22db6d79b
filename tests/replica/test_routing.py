"""Anonymous public pages read the replica; writes, the admin, comment posts and the page
after a post read the primary; and replica lag never hides a moderator's decision."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Story, StoryRendering
from comments import moderation
from comments.models import Comment
from tests.comments.helpers import make_comment, post_comment
from tests.replica.conftest import REPLICA, paused_replay, wait_for_replica

# Without a replica the `replica` fixture skips each test.
DATABASES = ["default", REPLICA] if REPLICA in settings.DATABASES else ["default"]
pytestmark = pytest.mark.django_db(transaction=True, databases=DATABASES)


class queries_by_alias:
    """How many SQL queries each database ran inside the block."""

    def __enter__(self):
        self.captures = {alias: CaptureQueriesContext(connections[alias]) for alias in ("default", REPLICA)}
        for capture in self.captures.values():
            capture.__enter__()
        return self

    def __exit__(self, *exc):
        for capture in self.captures.values():
            capture.__exit__(*exc)

    def __getitem__(self, alias):
        return len(self.captures[alias])


@pytest.fixture
def settled(settings):
    """Content that changed long enough ago for the replica to have it."""
    settings.DATABASE_REPLICA_LAG_WINDOW = 0
    settings.PAGE_CACHE_SECONDS = 0


def test_a_write_on_the_primary_appears_on_the_replica_which_refuses_writes(replica):
    story_id = Story.objects.create(headline="Fresh", slug="fresh-story").pk
    assert wait_for_replica(Story.objects.filter(pk=story_id, headline="Fresh"))
    with pytest.raises(Exception, match="read-only transaction"), replica.cursor() as cursor:
        cursor.execute("update articles_story set headline = 'x'")


def test_anonymous_story_pages_read_the_replica(client, replicated_story, settled):
    client.get(replicated_story.get_absolute_url())  # learns the story's id, from the primary
    # The first view stored the article on the primary; the replica has it once replayed.
    assert wait_for_replica(
        StoryRendering.objects.filter(story=replicated_story, rendered_revision=F("revision"))
    )
    with queries_by_alias() as queries:
        response = client.get(replicated_story.get_absolute_url())
    assert response.status_code == 200 and "Border operation" in response.text
    assert queries[REPLICA] > 0 and queries["default"] == 0


def test_the_comment_post_and_the_page_it_leads_to_read_the_primary(
    client, replicated_story, replica, settled
):
    with paused_replay(replica), queries_by_alias() as queries:
        posted = post_comment(client, replicated_story, text="Seen at once, lag or not.")
        landing = client.get(posted["Location"])  # the reader's own page about the comment
        story_page = client.get(f"{replicated_story.get_absolute_url()}?comment=received")
    assert posted.status_code == 302 and "/posted/" in posted["Location"]
    assert landing.status_code == 200 and "Your comment is awaiting moderation." in landing.text
    assert "Your comment is awaiting moderation." in story_page.text
    assert queries[REPLICA] == 0 and queries["default"] > 0
    assert Comment.objects.filter(text="Seen at once, lag or not.").count() == 1


def test_the_admin_reads_the_primary_even_while_the_replica_lags(client, replicated_story, replica, settled):
    moderator = get_user_model().objects.create_superuser("chief", "chief@newsroom.example", "pw")
    client.force_login(moderator)
    with paused_replay(replica), queries_by_alias() as queries:
        make_comment(replicated_story, status="pending", text="Decide on me, please.")
        page = client.get(reverse("admin:comments_comment_changelist") + "?status=pending")
    assert page.status_code == 200 and "Decide on me, please." in page.text
    assert queries[REPLICA] == 0


def test_a_moderators_approval_shows_although_the_replica_has_not_replayed_it(
    client, replicated_story, replica, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    comment = make_comment(replicated_story, status="pending", text="Approved while the replica lags.")
    assert wait_for_replica(Comment.objects.filter(pk=comment.pk))
    url = replicated_story.get_absolute_url()
    assert "Approved while the replica lags." not in client.get(url).text
    with paused_replay(replica):
        moderation.approve(comments=Comment.objects.filter(pk=comment.pk))
        # Just changed: read from the primary, and cached under the new version with it.
        assert "Approved while the replica lags." in client.get(url).text
        settings.DATABASE_REPLICA_LAG_WINDOW = 0
        assert "Approved while the replica lags." in client.get(url).text  # the cached page
        settings.PAGE_CACHE_SECONDS = 0
        # What the lag rule prevents: the lagging replica alone would not show it yet.
        assert "Approved while the replica lags." not in client.get(url).text
