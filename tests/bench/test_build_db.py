"""The benchmark's database builder (bench/build_db.py): the archive it is asked for, real
threads, and a database that serves pages and takes new rows afterwards."""

import pytest

from articles.models import Story, StoryAuthor
from bench.build_db import BIG_SLUG, POST_SLUG, SEED_SLUG, build
from comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_newsroom):
    return demo_newsroom


def quiet(line):
    pass


def test_builder_adds_the_stories_and_comments_asked_for(demo):
    stories, comments = Story.objects.count(), Comment.objects.count()
    build(stories=40, comments=600, big_story=120, log=quiet)
    assert Story.objects.count() == stories + 40
    assert Comment.objects.count() == comments + 600
    assert Comment.objects.filter(story__slug=SEED_SLUG, status="approved").count() == 50
    assert Comment.objects.filter(story__slug=BIG_SLUG).count() == 120
    assert Story.objects.filter(slug=POST_SLUG, status="published").exists()
    assert StoryAuthor.objects.filter(story__slug__startswith="bench-story-").count() >= 38


def test_generated_replies_sit_in_their_parents_thread(demo):
    build(stories=10, comments=300, big_story=100, log=quiet)
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    assert replies.exists()
    for reply in replies:
        assert (reply.thread_id, reply.depth) == (reply.parent.thread_id, reply.parent.depth + 1)
        assert reply.story_id == reply.parent.story_id
    top = Comment.objects.filter(parent__isnull=True).exclude(story__slug=SEED_SLUG)
    assert all(comment.thread_id == comment.pk for comment in top)


def test_built_database_serves_pages_and_takes_new_rows(demo, client):
    build(stories=10, comments=100, big_story=30, log=quiet)
    story = Story.objects.get(slug=BIG_SLUG)
    # Explicit primary keys were used: the sequences must have moved past them.
    Comment.objects.create(story=story, name="Reader", email="reader@example.org", text="A new comment.")
    Story.objects.create(headline="A new story", slug="a-new-story")
    assert client.get(f"/story/{BIG_SLUG}/").status_code == 200
    assert client.get(f"/story/{SEED_SLUG}/").status_code == 200
    assert client.get("/search/?q=Nogales").status_code == 200


def test_built_comments_are_keyed_rendered_and_counted_as_the_moderation_functions_do(demo, client):
    from comments.moderation import rebuild

    build(stories=10, comments=300, big_story=100, log=quiet)
    assert rebuild() == (0, 0, 0)  # nothing to rewrite: keys, fragments and counts agree
    story = Story.objects.get(slug=BIG_SLUG)
    assert story.comment_count == Comment.objects.filter(story=story, status="approved").count() > 0
