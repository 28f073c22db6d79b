"""A commenter's email never reaches a public page, feed or sitemap: not the address, not
its local part, not a hash of it (no Gravatar)."""

import hashlib

import pytest
from django.utils import timezone

from comments import moderation
from comments.models import Comment
from tests.comments.helpers import post_comment
from tests.factories import make_author, make_category, make_story

pytestmark = pytest.mark.django_db

TYPED = "Ana.Lopez.Private@Example.NET"
ADDRESS = TYPED.lower()


def forbidden_strings():
    strings = {TYPED, ADDRESS, ADDRESS.split("@")[0], TYPED.split("@")[0]}
    for value in (TYPED, ADDRESS):
        strings |= {hashlib.md5(value.encode()).hexdigest(), hashlib.sha256(value.encode()).hexdigest()}
    return strings | {s.upper() for s in strings if len(s) in (32, 64)}


@pytest.fixture
def commented_story(client):
    section = make_category("Crime", slug="crime")
    desk = make_category("Organized crime", slug="organized-crime", parent=section)
    story = make_story(
        "Nogales network dismantled",
        category=desk,
        tags=["fentanyl"],
        authors=[make_author("Vic Mateos", slug="vmateos")],
    )
    post_comment(
        client,
        story,
        email=TYPED,
        name="Ana López",
        website="https://ana.example.org/",
        text="The seizure figures are staggering.",
    )
    first = Comment.objects.get()
    post_comment(
        client, story, email=TYPED, name="Ana López", text="A second thought on the cartel sanctions."
    )
    moderation.approve(comments=Comment.objects.all())
    post_comment(
        client, story, email=TYPED, name="Ana López", reply_to=str(first.pk), text="Replying to myself."
    )
    moderation.approve(comments=Comment.objects.all())
    assert Comment.objects.approved().count() == 3
    assert Comment.objects.filter(email="Ana.Lopez.Private@example.net").count() == 3  # stored, but...
    return story


def public_urls(story, comment):
    local = timezone.localtime(story.published_at)
    return [
        "/", story.get_absolute_url(), f"{story.get_absolute_url()}?comment=received",
        f"{story.get_absolute_url()}?comment=published", f"{story.get_absolute_url()}?after=1",
        "/category/crime/", "/category/organized-crime/", "/tag/fentanyl/", "/author/vmateos/",
        "/archive/", f"/archive/{local.year}/", f"/archive/{local.year}/{local.month}/",
        "/search/?q=Nogales", "/search/?q=staggering", f"/search/?q={ADDRESS}",
        "/feeds/rss/", "/feeds/atom/", "/feeds/category/crime/rss/", "/feeds/category/organized-crime/atom/",
        "/feeds/tag/fentanyl/rss/", "/feeds/tag/fentanyl/atom/", "/feeds/author/vmateos/rss/",
        "/feeds/author/vmateos/atom/", f"/comments/story/{story.slug}/feed/",
        "/sitemap.xml", "/news-sitemap.xml", "/robots.txt",
        comment.get_absolute_url(),
    ]  # fmt: skip


def test_no_public_page_or_feed_reveals_a_commenters_email_or_its_hash(client, commented_story):
    comment = Comment.objects.first()
    checked = 0
    for url in public_urls(commented_story, comment):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = response.content.decode()
        if "search/?q=ana" in url:
            body = body.replace(ADDRESS, "")  # the reader's own query, echoed in the search box
        for secret in forbidden_strings():
            assert secret not in body, f"{secret!r} found in {url}"
        assert comment.ip_hash not in body
        checked += 1
    story_page = client.get(commented_story.get_absolute_url()).text
    assert "The seizure figures are staggering." in story_page and "Ana López" in story_page
    assert "Replying to myself." in client.get(f"/comments/story/{commented_story.slug}/feed/").text
    assert checked == 28


def test_public_querysets_never_load_the_email_ip_hash_or_user_agent(commented_story):
    comment = Comment.objects.public().first()
    assert {"email", "ip_hash", "user_agent"} <= comment.get_deferred_fields()
