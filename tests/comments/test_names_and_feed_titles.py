"""Commenters' names hold no markup: the form refuses `<` and `>`, and every feed strips
tags from its titles in case a name or headline got past the forms."""

import xml.etree.ElementTree as ET

import pytest

from comments.models import Comment
from tests.comments.helpers import make_comment, post_comment

pytestmark = pytest.mark.django_db

HOSTILE = '<svg onload="alert(1)">Mallory'


@pytest.mark.parametrize("name", [HOSTILE, "Mallory <b>", "Mallory >_<", "<Mallory"])
def test_a_name_with_angle_brackets_is_refused_with_a_clear_error(client, story, name):
    response = post_comment(client, story, name=name)
    assert response.status_code == 400
    assert "Please leave the characters &lt; and &gt; out of your name." in response.text
    assert not Comment.objects.exists()


def test_an_ordinary_name_with_punctuation_is_accepted(client, story):
    assert post_comment(client, story, name="María-José O'Neil & Sons").status_code == 302
    assert Comment.objects.get().name == "María-José O'Neil & Sons"


def titles(response):
    root = ET.fromstring(response.content)
    found = [el.text or "" for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "title"]
    assert found
    return found


def test_the_comments_feed_strips_tags_from_a_stored_name(client, story):
    make_comment(story, name=HOSTILE)  # stored without the form, as by another tool
    response = client.get(f"/comments/story/{story.slug}/feed/")
    assert response.status_code == 200
    assert "Comment by Mallory" in titles(response)
    assert all("<" not in title and ">" not in title for title in titles(response))


def test_story_feeds_strip_tags_from_headlines(client, story):
    story.headline = 'Border <img src=x onerror="alert(1)">operation'
    story.save()
    for url in ["/feeds/rss/", "/feeds/atom/", "/feeds/tag/border/rss/", "/feeds/tag/border/atom/"]:
        found = titles(client.get(url))
        assert "Border operation" in found, url
        assert all("<" not in title for title in found), url
