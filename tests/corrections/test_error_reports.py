"""A reader reports an error: the form, what is stored, and every way a POST is refused."""

import time

import pytest
from django.urls import reverse

from articles.models import RoundupItem
from comments.forms import make_token
from corrections.models import ErrorReport
from corrections.report_forms import TOKEN_SALT
from tests.corrections.report_helpers import post_report, report_data
from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(settings):
    settings.COMMENT_TOKEN_MIN_AGE = 2
    story = make_story("Fentanyl network dismantled", slug="fentanyl-network")
    RoundupItem.objects.create(story=story, headline="A seizure in Nogales", body="<p>Pills.</p>")
    RoundupItem.objects.create(story=story, headline="Sanctions from the Treasury", body="<p>Names.</p>")
    return story


def form_url(story):
    return reverse("reports:form", args=[story.slug])


def test_every_story_links_to_its_report_form(client, story):
    page = client.get(story.get_absolute_url()).text
    assert f'href="{form_url(story)}"' in page
    assert "Report an error" in page


def test_the_form_page_is_the_same_for_every_reader_and_cacheable(client, story):
    response = client.get(form_url(story))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "Set-Cookie" not in response
    assert "Cookie" not in response.get("Vary", "")
    page = response.text
    assert 'name="what_is_wrong"' in page and 'name="token"' in page and 'name="subject"' in page
    assert "A seizure in Nogales" in page and "Sanctions from the Treasury" in page


def test_the_item_choice_offers_only_the_storys_items(client, story):
    other = make_story("Another story")
    RoundupItem.objects.create(story=other, headline="Someone else's item", body="<p>x</p>")
    page = client.get(form_url(story)).text
    assert "Someone else&#x27;s item" not in page and "Someone else's item" not in page


def test_a_report_is_stored_and_the_reader_is_thanked(client, story):
    item = story.items.get(headline="A seizure in Nogales")
    response = post_report(client, story, item=str(item.pk), headers={"User-Agent": "Firefox/140"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:thanks", args=[story.slug])
    report = ErrorReport.objects.get()
    assert (report.story, report.item, report.state) == (story, item, "new")
    assert report.what_is_wrong == "The seizure was of 300,000 pills, not 30,000."
    assert report.source_url == "https://www.justice.gov/example-release"
    assert report.email == "reporter.private@example.net"
    assert len(report.ip_hash) == 64 and "127.0.0.1" not in report.ip_hash
    assert report.user_agent == "Firefox/140"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "Thank you for your report" in thanks.text


def test_only_what_is_wrong_is_required(client, story):
    response = post_report(client, story, item=None, source_url=None, email=None)
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert (report.item, report.source_url, report.email) == (None, "", "")


def test_a_report_is_never_shown_on_a_public_page(client, story):
    post_report(client, story, what_is_wrong="Secret-looking report text 7421")
    for url in [
        story.get_absolute_url(),
        form_url(story),
        reverse("reports:thanks", args=[story.slug]),
        reverse("articles:feed_rss"),
        reverse("comments:story_feed", args=[story.slug]),
    ]:
        page = client.get(url).content.decode()
        assert "reporter.private@example.net" not in page, url
        assert "7421" not in page, url


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"what_is_wrong": ""}, "what_is_wrong"),
        ({"what_is_wrong": "   \n  "}, "what_is_wrong"),
        ({"what_is_wrong": "x" * 3001}, "what_is_wrong"),
        ({"what_is_wrong": "Wrong \u202edate"}, "what_is_wrong"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
        ({"source_url": "not a link at all"}, "source_url"),
        ({"source_url": "https://example.org/" + "a" * 600}, "source_url"),
        ({"email": "not-an-email"}, "email"),
        ({"item": "99999999"}, "item"),
        ({"item": "abc"}, "item"),
    ],
)
def test_bad_input_comes_back_as_a_form_error_with_the_text_kept(client, story, overrides, field):
    response = post_report(client, story, **overrides)
    assert response.status_code == 400
    assert f'id="er-{field}_error"' in response.text
    assert "Please correct the following" in response.text
    assert not ErrorReport.objects.exists()


def test_an_item_of_another_story_is_refused(client, story):
    other = make_story("Another story")
    foreign = RoundupItem.objects.create(story=other, headline="Foreign item", body="<p>x</p>")
    response = post_report(client, story, item=str(foreign.pk))
    assert response.status_code == 400
    assert "Choose a part of this story from the list." in response.text
    assert not ErrorReport.objects.exists()


def test_a_post_from_another_site_is_refused(client, story):
    response = post_report(
        client, story, headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 400
    assert "only be sent from this site" in response.text
    assert not ErrorReport.objects.exists()


@pytest.mark.parametrize(
    "token, message",
    [
        (None, "without its security token"),
        ("garbage", "security token is not valid"),
    ],
)
def test_a_missing_or_tampered_token_is_refused(client, story, token, message):
    response = post_report(client, story, token=token or "")
    assert response.status_code == 400
    assert message in response.text
    assert not ErrorReport.objects.exists()


def test_a_token_changed_by_hand_is_refused(client, story):
    good = report_data(story)["token"]
    tampered = good.replace(good[-3:], "AAA" if not good.endswith("AAA") else "BBB")
    response = post_report(client, story, token=tampered)
    assert response.status_code == 400
    assert "security token is not valid" in response.text


def test_a_comment_forms_token_is_not_a_report_token(client, story):
    response = post_report(client, story, token=make_token(story, now=time.time() - 10))
    assert response.status_code == 400
    assert not ErrorReport.objects.exists()


def test_a_token_of_another_story_is_refused(client, story):
    other = make_story("Another story")
    response = post_report(client, story, token=make_token(other, now=time.time() - 10, salt=TOKEN_SALT))
    assert response.status_code == 400
    assert "belongs to another story" in response.text


def test_a_too_fast_post_is_refused(client, story):
    response = post_report(client, story, token=make_token(story, salt=TOKEN_SALT))
    assert response.status_code == 400
    assert "too quickly" in response.text


def test_an_expired_form_comes_back_with_the_text_and_a_fresh_token(client, story, settings):
    old = make_token(story, now=time.time() - settings.COMMENT_TOKEN_MAX_AGE - 5, salt=TOKEN_SALT)
    response = post_report(client, story, token=old, what_is_wrong="Kept words 5501")
    assert response.status_code == 400
    assert "has expired" in response.text and "Kept words 5501" in response.text
    assert old not in response.text
    assert not ErrorReport.objects.exists()


def test_a_filled_in_honeypot_is_refused(client, story):
    response = post_report(client, story, subject="Buy pills")
    assert response.status_code == 400
    assert not ErrorReport.objects.exists()


def test_the_rate_limit_is_shared_with_comments(client, story, settings):
    settings.COMMENTS_RATE_LIMIT = 2
    for n in range(2):
        assert post_report(client, story, what_is_wrong=f"Error number {n}").status_code == 302
    response = post_report(client, story, what_is_wrong="One too many")
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.COMMENTS_RATE_WINDOW)
    assert ErrorReport.objects.count() == 2


def test_the_same_report_twice_is_refused(client, story):
    assert post_report(client, story).status_code == 302
    assert post_report(client, story).status_code == 409
    assert ErrorReport.objects.count() == 1


def test_no_report_form_for_a_story_readers_cannot_see(client, story):
    draft = make_story("A draft", status="draft", published_at=None)
    assert client.get(form_url(draft)).status_code == 404
    assert post_report(client, draft).status_code == 404
    assert client.get(reverse("reports:form", args=["no-such-story"])).status_code == 404
    assert not ErrorReport.objects.exists()


def test_other_methods_are_refused(client, story):
    assert client.put(form_url(story)).status_code == 405
