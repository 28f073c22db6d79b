"""Share links: a signed, expiring, revocable address to an unpublished story or change."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from editorial.models import ShareLink
from editorial.sharing import link_url
from tests.editorial.helpers import change_url, open_form
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def share(editor, story):
    response = editor.post(
        reverse("admin:articles_story_share", args=[story.pk]), {"create": "1"}, follow=True
    )
    assert "Share link" in response.content.decode()
    return link_url(ShareLink.objects.filter(story=story).latest("created_at"))


def move_clock(monkeypatch, hours):
    later = timezone.now() + datetime.timedelta(hours=hours)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr("django.core.signing.time.time", lambda: later.timestamp())


def test_someone_without_an_account_reads_an_unpublished_story(editor):
    story = make_story("Embargoed story", status=Story.Status.DRAFT, body="<p>Embargoed text.</p>")
    response = Client().get(share(editor, story))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Embargoed text." in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_a_share_link_of_a_live_story_shows_its_unpublished_change(editor):
    story = make_story("Live", body="<p>Published text.</p>")
    data = open_form(editor, story)
    data["body"] = "<p>Changed text.</p>"
    editor.post(change_url(story), data)
    page = Client().get(share(editor, story)).content.decode()
    assert "Changed text." in page and "Published text." not in page


def test_a_share_link_expires(editor, monkeypatch, settings):
    settings.SHARE_LINK_HOURS = 2
    story = make_story("Soon", status=Story.Status.DRAFT)
    url = share(editor, story)
    move_clock(monkeypatch, hours=3)
    response = Client().get(url)
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_a_revoked_share_link_stops_working(editor):
    story = make_story("Revoked", status=Story.Status.DRAFT)
    url = share(editor, story)
    link = ShareLink.objects.get(story=story)
    editor.post(reverse("admin:articles_story_share", args=[story.pk]), {"revoke": str(link.pk)})
    assert Client().get(url).status_code == 410


def test_a_tampered_share_link_is_not_found(editor):
    story = make_story("Tampered", status=Story.Status.DRAFT)
    url = share(editor, story)
    assert Client().get(url.replace(":", "x", 1)).status_code == 404
    assert Client().get("/preview/not-a-token/").status_code == 404


def test_a_share_link_to_a_story_now_published_without_changes_leads_to_it(editor):
    story = make_story("Out now")
    response = Client().get(share(editor, story))
    assert response.status_code == 302 and response["Location"] == story.get_absolute_url()
