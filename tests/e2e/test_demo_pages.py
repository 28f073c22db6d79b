"""The demo newsroom as a newcomer first sees it after `make run`: front, category and story
pages at phone, tablet and desktop widths, with pictures, no horizontal overflow and no
empty column beside the lead; and a moderation queue with work in it. Screenshots of every
page and width are kept in test-artifacts/ for a person to look at."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from articles.models import Story
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [390, 768, 1280]
PAGES = {
    "front": "/",
    "category": "/category/crime-and-violence/",
    "story": "/story/joint-us-mexico-operation-dismantles-nogales-fentanyl-network/",
}
LOAD_LAZY_IMAGES = """async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 500) {
        window.scrollTo(0, y);
        await new Promise(resolve => setTimeout(resolve, 20));
    }
    window.scrollTo(0, 0);
}"""
BROKEN_IMAGES = """() => [...document.images].filter(
    img => getComputedStyle(img.closest('figure') || img).display !== 'none'
        && !(img.complete && img.naturalWidth > 0)).map(img => img.src)"""
COLUMNS = """() => ['.front__lead', '.front__latest'].map(
    selector => document.querySelector(selector).getBoundingClientRect())
    .map(box => ({left: box.left, height: box.height}))"""


@pytest.fixture
def full_demo(settings, tmp_path, monkeypatch):
    """The demo exactly as `make run` loads it, with every rendition width."""
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    call_command("load_demo", stdout=io.StringIO())


def open_and_check(page, path, width):
    page.goto(page.base + path)
    page.evaluate(LOAD_LAZY_IMAGES)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{path} overflows at {width}"
    assert page.evaluate(BROKEN_IMAGES) == [], path


def assert_no_empty_column(page, width):
    lead, latest = page.evaluate(COLUMNS)
    if width >= 1024:  # side by side: neither column may leave a tall gap under it
        assert latest["left"] > lead["left"]
        assert abs(lead["height"] - latest["height"]) < 0.3 * max(lead["height"], latest["height"])
    else:  # stacked
        assert latest["left"] == lead["left"]


def test_demo_pages_look_like_a_news_site_at_each_width(page_at, full_demo):
    for width in WIDTHS:
        page = page_at(width=width)
        for name, path in PAGES.items():
            open_and_check(page, path, width)
            page.shot(name)
        page.goto(page.base + "/")
        assert page.locator(".card--lead img").count() == 1
        assert_no_empty_column(page, width)
        if width >= 768:
            assert page.locator(".section-block img:visible").count() >= 12
        page.goto(page.base + PAGES["category"] + "?page=2")
        assert page.locator("article.card").count() >= 1

    # The same front page when the lead story has no picture.
    lead = Story.objects.published().latest_first().first()
    Story.objects.filter(pk=lead.pk).update(image="", image_renditions=[])
    cache.clear()  # the page cache does not know about an update() behind the models' back
    for width in WIDTHS:
        page = page_at(width=width)
        open_and_check(page, "/", width)
        page.shot("front-no-lead-picture")
        assert page.locator(".card--lead img").count() == 0
        assert page.locator(".front__secondary img").count() == 2
        assert_no_empty_column(page, width)


def test_the_demo_moderator_finds_comments_waiting_with_their_reasons(page_at, demo_newsroom):
    page = page_at(width=1280)
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", "moderator")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(page.base + "/admin/comments/comment/")
    page.shot("moderation-queue")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() >= 4
    reasons = page.locator("#result_list .held-rule").all_inner_texts()
    assert sorted(reasons) == ["Hold word list", "Too many links"]
    assert "email: 2 / 0" in page.locator("#result_list").inner_text()
