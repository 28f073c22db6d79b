"""Story cards read their bylines as prose, and every NewsArticle carries an image."""

import re
from pathlib import Path

import pytest
from django.conf import settings

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
