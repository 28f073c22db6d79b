"""The reader's own pages and the reply-notification table keep the commenter's address out
of public view: the story page and feed never show it, nor does any signed-link page."""

import re

import pytest

from comments import moderation
from comments.models import Comment, ReplySubscription
from comments.models_readers import address_key
from tests.comments.helpers import post_comment
from tests.comments.test_privacy import TYPED, forbidden_strings

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribed(client, story, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, story, email=TYPED, notify="on", text="Figures please.")
    comment = Comment.objects.get()
    moderation.approve(comments=comment)
    confirm = re.search(
        r"https://news\.example\.org(/comments/notify/confirm/\S+)", mailoutbox[0].body
    ).group(1)
    client.post(confirm)
    return comment, response["Location"], confirm


def test_the_subscription_stores_the_address_and_its_keyed_hash_only(subscribed):
    subscription = ReplySubscription.objects.get()
    assert subscription.email == TYPED.split("@")[0] + "@example.net"
    assert subscription.address_key == address_key(TYPED) and len(subscription.address_key) == 64
    assert subscription.confirmed_at is not None


def test_no_public_or_own_page_reveals_the_address_or_its_hash(client, story, subscribed):
    comment, posted_path, confirm = subscribed
    key = ReplySubscription.objects.get().address_key
    own_pages = [posted_path, posted_path.replace("/posted/", "/edit/"), confirm]
    public = [story.get_absolute_url(), f"/comments/story/{story.slug}/feed/", comment.get_absolute_url()]
    for url in public + own_pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in forbidden_strings() | {key}:
            assert secret not in body, f"{secret!r} found in {url}"
        assert not response.cookies, url
    story_page = client.get(story.get_absolute_url())
    assert "public" in story_page["Cache-Control"] and "Cookie" not in story_page.get("Vary", "")
    assert "no-store" in client.get(posted_path)["Cache-Control"]


def test_a_deleted_comment_takes_its_subscription_with_it(subscribed):
    comment, _, _ = subscribed
    comment.delete()
    assert ReplySubscription.objects.count() == 0
