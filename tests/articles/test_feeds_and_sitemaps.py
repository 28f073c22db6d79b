"""Feeds and sitemaps validate against their schemas and name the site's own address."""

import shutil
import subprocess
from pathlib import Path

import pytest

from articles.models import RoundupItem
from tests.factories import make_author, make_category, make_story

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
needs_jing = pytest.mark.skipif(
    not shutil.which("jing"), reason="jing is not installed (apt-get install jing)"
)
needs_xmllint = pytest.mark.skipif(
    not shutil.which("xmllint"), reason="xmllint is not installed (libxml2-utils)"
)


@pytest.fixture
def stories():
    parent = make_category("Crime and Violence", slug="crime-and-violence")
    child = make_category("Organized Crime", parent=parent, slug="organized-crime")
    author = make_author("Ana Reporter", slug="ana")
    story = make_story(
        "Round-up & more",
        body="",
        category=child,
        authors=[author],
        tags=["fentanyl"],
        standfirst="Five arrested.",
    )
    RoundupItem.objects.create(story=story, headline="Item one", body="<p>Text</p>", source_line="DOJ")
    story.add_notice("update", "Figures confirmed.")
    make_story("Second story", category=parent, authors=[author], tags=["fentanyl"])
    return story


def validate(tmp_path, name, content, command):
    path = tmp_path / name
    path.write_bytes(content)
    result = subprocess.run([*command, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


FEEDS = [
    ("/feeds/rss/", "rss2.rnc"),
    ("/feeds/atom/", "atom.rnc"),
    ("/feeds/category/crime-and-violence/rss/", "rss2.rnc"),
    ("/feeds/category/organized-crime/atom/", "atom.rnc"),
    ("/feeds/tag/fentanyl/rss/", "rss2.rnc"),
    ("/feeds/tag/fentanyl/atom/", "atom.rnc"),
    ("/feeds/author/ana/rss/", "rss2.rnc"),
    ("/feeds/author/ana/atom/", "atom.rnc"),
]


@needs_jing
@pytest.mark.parametrize("url, schema", FEEDS)
def test_feeds_are_valid_rss_and_atom(client, stories, tmp_path, url, schema):
    response = client.get(url)
    validate(tmp_path, "feed.xml", response.content, ["jing", "-c", str(SCHEMAS / schema)])


@pytest.mark.parametrize("url, _", FEEDS)
def test_feeds_carry_full_summaries_authors_and_categories(client, stories, url, _):
    text = client.get(url).content.decode()
    assert "https://news.example.org/story/" in text
    assert "Ana Reporter" in text
    assert "Organized Crime" in text and "fentanyl" in text
    assert "Item one" in text and "Source: DOJ" in text and "Five arrested." in text
    assert "example.com" not in text and "testserver" not in text


@needs_xmllint
def test_sitemap_is_valid_and_lists_every_kind_of_page(client, stories, tmp_path):
    response = client.get("/sitemap.xml")
    text = response.content.decode()
    for path in ["/story/", "/category/crime-and-violence/", "/tag/fentanyl/", "/author/ana/"]:
        assert f"https://news.example.org{path}" in text
    assert text.count("<lastmod>") == text.count("<url>")
    validate(
        tmp_path,
        "sitemap.xml",
        response.content,
        ["xmllint", "--noout", "--schema", str(SCHEMAS / "sitemap.xsd")],
    )


def test_news_sitemap_names_the_publication(client, stories):
    text = client.get("/news-sitemap.xml").content.decode()
    assert "<news:name>" in text and "<news:language>en</news:language>" in text
    assert text.count("<url>") == 2


def test_robots_txt_names_both_sitemaps(client, stories):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://news.example.org/sitemap.xml" in text
    assert "Sitemap: https://news.example.org/news-sitemap.xml" in text
