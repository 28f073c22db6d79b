"""The demo newsroom comes with a short comment thread on the seed story."""

import pytest

from articles.models import Story
from comments.demo import SEED_SLUG
from comments.models import Comment
from tests.comments.helpers import post_comment
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_newsroom):
    return Story.objects.get(slug=SEED_SLUG)


def test_the_seed_story_has_a_thread_a_website_and_a_pending_comment(demo, client):
    comments = Comment.objects.filter(story=demo)
    assert comments.filter(status="approved").count() == 3
    assert comments.filter(status="pending").count() == 1
    assert comments.filter(parent__isnull=False).exists() and comments.exclude(website="").exists()
    assert all(
        email.endswith(("@example.org", "@example.net")) for email in comments.values_list("email", flat=True)
    )
    page = client.get(demo.get_absolute_url()).text
    assert (
        "3 comments" in page
        and "in reply to" in page
        and 'rel="nofollow ugc noopener">Tom Becker</a>' in page
    )
    assert "Dan Whitaker" not in page


def test_loading_the_demo_again_adds_no_comment(demo):
    before = Comment.objects.count()
    load_demo()
    assert Comment.objects.count() == before


def test_a_reader_can_comment_on_the_demo_story(demo, client):
    response = post_comment(client, demo, text="Commenting on the demo story.")
    assert response.status_code == 302
    assert "Thank you. Your comment is awaiting moderation." in client.get(response["Location"]).text


def test_the_demo_moderator_finds_comments_waiting_each_with_its_reason(demo, client):
    from django.urls import reverse

    from tests.conftest import DEMO_PASSWORD

    held = dict(
        Comment.objects.filter(status="pending").exclude(held_rule="").values_list("held_rule", "name")
    )
    assert held == {"links": "Rick Soto", "hold_words": "Kevin Lau"}
    returning = Comment.objects.get(status="pending", name="Marisol Ortega")
    assert Comment.objects.filter(email=returning.email, status="approved").count() == 2
    assert client.login(username="moderator", password=DEMO_PASSWORD)
    page = client.get(reverse("admin:comments_comment_changelist")).text
    assert page.count('class="held-rule"') == 2
    assert "Too many links" in page and "3 links to other sites" in page
    assert "Hold word list" in page and "“WhatsApp” in text" in page
    assert "email: 2 / 0" in page  # the returning commenter's approved comments
    assert "Dan Whitaker" in page and "Marisol Ortega" in page
