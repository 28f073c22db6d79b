"""The signed token and the origin check that stand in for a CSRF cookie."""

import time

import pytest
from django.core import signing

from comments.forms import TOKEN_SALT, make_token
from comments.models import Comment
from tests.comments.helpers import post_comment
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def refused(response, status, message):
    assert response.status_code == status
    assert message in response.text
    assert not Comment.objects.exists()


def test_a_comment_without_its_token_is_refused_with_400(client, story):
    refused(post_comment(client, story, token=None), 400, "The form was sent without its security token.")


def test_a_tampered_token_is_refused_with_400(client, story):
    token = make_token(story, now=time.time() - 10)
    forged = signing.dumps({"s": story.pk, "t": time.time() - 10}, salt="another-salt")
    refused(post_comment(client, story, token=token[:-2] + "xx"), 400, "security token is not valid.")
    refused(post_comment(client, story, token=forged), 400, "security token is not valid.")
    refused(post_comment(client, story, token="garbage"), 400, "security token is not valid.")


def test_a_token_with_a_bad_payload_is_refused_with_400(client, story):
    odd = signing.dumps({"s": "x", "t": None}, salt=TOKEN_SALT)
    refused(post_comment(client, story, token=odd), 400, "security token is not valid.")


def test_a_token_for_another_story_is_refused_with_400(client, story):
    token = make_token(make_story(), now=time.time() - 10)
    refused(post_comment(client, story, token=token), 400, "This form belongs to another story.")


def test_a_comment_sent_too_soon_after_the_page_loaded_is_refused_with_400(client, story):
    refused(
        post_comment(client, story, token=make_token(story)),
        400,
        "The form was sent too quickly after the page loaded.",
    )


def test_the_minimum_age_is_configurable(client, story, settings):
    settings.COMMENT_TOKEN_MIN_AGE = 0
    assert post_comment(client, story, token=make_token(story)).status_code == 302


def test_an_expired_form_is_refused_with_400_but_keeps_the_text_with_a_fresh_token(client, story, settings):
    settings.COMMENT_TOKEN_MAX_AGE = 3600
    old = make_token(story, now=time.time() - 3601)
    response = post_comment(client, story, token=old, text="My careful words.")
    refused(response, 400, "This form has expired. Check your comment below and send it again.")
    assert "My careful words." in response.text
    assert old not in response.text and 'name="token"' in response.text


def test_a_comment_from_another_site_is_refused_with_400(client, story):
    response = post_comment(client, story, headers={"Origin": "https://evil.example.com"})
    refused(response, 400, "Comments can only be sent from this site&#x27;s own pages.")


@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site", "none"])
def test_a_browser_saying_the_post_is_not_same_origin_is_refused_with_400(client, story, fetch_site):
    response = post_comment(client, story, headers={"Sec-Fetch-Site": fetch_site})
    refused(response, 400, "Comments can only be sent from this site")


def test_an_opaque_null_origin_is_refused(client, story):
    refused(post_comment(client, story, headers={"Origin": "null"}), 400, "Comments can only be sent")


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        {"Origin": "https://news.example.org"},  # SITE_URL, e.g. behind a TLS proxy
        {"Sec-Fetch-Site": "same-origin"},
        {},  # old browsers and the test client send neither
    ],
)
def test_same_origin_posts_are_accepted(client, story, headers):
    assert post_comment(client, story, headers=headers).status_code == 302
    assert Comment.objects.count() == 1


def test_no_csrf_cookie_is_needed_or_set(story):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = post_comment(strict, story)
    assert response.status_code == 302
    assert not response.cookies
