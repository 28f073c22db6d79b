"""The front page: a lead, the latest beside it, then sections without repeats. A lead
without a picture is followed by two stories with theirs, so its column is never empty."""

import re

import pytest

from tests.factories import make_category, make_story, uploaded_image

pytestmark = pytest.mark.django_db


def headlines(html, css_class):
    block = re.search(rf'<(?:section|div) class="{css_class}"[^>]*>(.*?)</(?:section|div)>', html, re.S)
    return re.findall(r'class="card__headline"><a [^>]*>([^<]+)</a>', block.group(1)) if block else []


@pytest.fixture
def sections():
    return [make_category("Politics", slug="politics"), make_category("Economy", slug="economy")]


def make_stories(sections, count, *, lead_picture):
    for n in range(count):
        picture = {"image": uploaded_image(f"p{n}.png", size=(800, 450))} if n or lead_picture else {}
        make_story(f"Story {n}", category=sections[n % 2], **picture)


def test_a_lead_with_a_picture_has_the_latest_beside_it_and_sections_repeat_nothing(client, sections):
    make_stories(sections, 14, lead_picture=True)
    html = client.get("/").text
    assert 'class="front"' in html and "front--no-picture" not in html
    assert headlines(html, "front__secondary") == []
    latest = headlines(html, "front__latest-list")
    assert len(latest) == 5
    lead = headlines(html, "front__lead")
    section_cards = re.findall(
        r'class="card__headline"><a [^>]*>([^<]+)</a>', html.split("section-block", 1)[1]
    )
    assert len(lead) == 1 and len(section_cards) == 8 and not set(section_cards) & {*latest, *lead}


def test_a_lead_without_a_picture_is_followed_by_two_stories_with_pictures(client, sections):
    make_stories(sections, 14, lead_picture=False)
    html = client.get("/").text
    assert "front--no-picture" in html
    secondary = re.search(r'<div class="front__secondary">(.*?)</div>\s*</section>', html, re.S).group(1)
    assert secondary.count("<article") == 2 and secondary.count("<img") == 2
    assert len(headlines(html, "front__latest-list")) == 5


def test_latest_cards_are_compact(client, sections):
    make_stories(sections, 3, lead_picture=True)
    html = client.get("/").text
    latest = html.split('class="front__latest-list"', 1)[1].split("</section>", 1)[0]
    assert "card--compact" in latest and "card__standfirst" not in latest
