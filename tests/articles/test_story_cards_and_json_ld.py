"""Story cards read their bylines as prose and their comment count; every NewsArticle carries an
image and its comment count."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from articles.models import Story
from tests.articles.test_metadata import parse
from tests.factories import make_author, make_story

pytestmark = pytest.mark.django_db


def test_a_two_author_byline_on_a_card_has_no_separator_between_the_names(client):
    authors = [make_author("vmateoszuniga"), make_author("Daniel Ortiz")]
    make_story("Two bylines", authors=authors)
    html = client.get("/").text
    meta = re.search(r'<p class="meta">(.*?)</p>', html, flags=re.S).group(1)
    assert '<span class="byline">vmateoszuniga and Daniel Ortiz</span>' in meta
    assert meta.count("<span") == 1  # one span: the stylesheet's "span + span" separator cannot fire
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    assert ".meta > span + span::before" not in css


def test_a_story_without_a_picture_has_the_logo_as_its_json_ld_image(client):
    story = make_story("No picture", authors=[make_author()])
    page = parse(client.get(story.get_absolute_url()).text)
    article = next(node for node in page.json_ld[0]["@graph"] if node["@type"] == "NewsArticle")
    [image] = article["image"]
    assert image["@type"] == "ImageObject"
    assert re.fullmatch(r"https://news\.example\.org/static/img/logo(\.\w+)?\.png", image["url"])
    assert (image["width"], image["height"]) == (512, 512)


def news_article(client, story):
    page = parse(client.get(story.get_absolute_url()).text)
    return next(node for node in page.json_ld[0]["@graph"] if node["@type"] == "NewsArticle")


def test_the_news_article_counts_the_approved_comments_from_the_stored_count(client):
    story = make_story("Discussed")
    assert news_article(client, story)["commentCount"] == 0
    # The moderation functions keep the column; the page reads it, whatever the comments table holds.
    Story.objects.filter(pk=story.pk).update(comment_count=7)
    story.save()  # stands in for their version bump: the cached pages are made again
    assert news_article(client, story)["commentCount"] == 7
    assert "7 comments" in client.get("/").text
