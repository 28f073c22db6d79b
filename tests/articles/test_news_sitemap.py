"""The Google News sitemap validates on every day, and robots.txt names it only when it has
stories; the other sitemaps date their pages from public stories only."""

import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from articles.models import Story
from tests.factories import make_author, make_category, make_story

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
needs_xmllint = pytest.mark.skipif(not shutil.which("xmllint"), reason="xmllint is not installed")


def assert_valid_sitemap(tmp_path, content):
    # The plain schema does not know the news: extension; its elements are removed first.
    plain = re.sub(rb"\s*<news:news>.*?</news:news>", b"", content, flags=re.S)
    path = tmp_path / "sitemap.xml"
    path.write_bytes(plain)
    result = subprocess.run(
        ["xmllint", "--noout", "--schema", str(SCHEMAS / "sitemap.xsd"), str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_with_no_recent_story_the_news_sitemap_is_absent_and_not_named(client):
    make_story("Old news", published_at=timezone.now() - timedelta(days=3))
    make_story("Not yet", published_at=timezone.now() + timedelta(hours=2))
    assert client.get("/news-sitemap.xml").status_code == 404
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://news.example.org/sitemap.xml" in robots
    assert "news-sitemap" not in robots


@needs_xmllint
def test_with_a_recent_story_the_news_sitemap_is_valid_and_named(client, tmp_path):
    make_story("Old news", published_at=timezone.now() - timedelta(days=3))
    make_story("Fresh news")
    response = client.get("/news-sitemap.xml")
    assert response.status_code == 200 and response.content.count(b"<url>") == 1
    assert_valid_sitemap(tmp_path, response.content)
    assert "Sitemap: https://news.example.org/news-sitemap.xml" in client.get("/robots.txt").text


@needs_xmllint
def test_every_sitemap_robots_txt_names_is_valid_on_a_quiet_day(client, tmp_path):
    make_story("Old news", published_at=timezone.now() - timedelta(days=3), tags=["trade"])
    robots = client.get("/robots.txt").content.decode()
    named = re.findall(r"^Sitemap: https://news\.example\.org(\S+)$", robots, flags=re.M)
    assert named == ["/sitemap.xml"]
    for path in named:
        assert_valid_sitemap(tmp_path, client.get(path).content)


def test_sitemaps_date_pages_from_public_stories_only(client):
    category = make_category("Trade", slug="trade")
    author = make_author("Ana Reporter", slug="ana")
    public = make_story(
        "Public", category=category, authors=[author], published_at=timezone.now() - timedelta(days=2)
    )
    make_story(
        "Scheduled", category=category, authors=[author], published_at=timezone.now() + timedelta(days=1)
    )
    make_story("Draft", category=category, authors=[author], status=Story.Status.DRAFT)
    text = client.get("/sitemap.xml").content.decode()
    day = timezone.localtime(public.published_at).date().isoformat()  # the site's own calendar
    for path in ["/category/trade/", "/author/ana/"]:
        entry = text.split(f"https://news.example.org{path}</loc>")[1].split("</url>")[0]
        assert f"<lastmod>{day}" in entry, (path, entry)
