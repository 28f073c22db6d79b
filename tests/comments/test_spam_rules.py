"""Each spam rule: what it does, its status code or the reason moderators see."""

import pytest

from articles.models import Source
from comments.models import BlockedWord, Comment
from comments.views import after_posting_url
from tests.comments.helpers import form_data, make_comment, post_comment

pytestmark = pytest.mark.django_db


def test_a_filled_honeypot_marks_the_comment_as_spam_without_telling_the_robot(client, story, mailoutbox):
    response = post_comment(client, story, subject="Great offer")
    assert response.status_code == 302 and "comment=received" in client.get(response["Location"]).text
    comment = Comment.objects.get()
    assert (comment.status, comment.held_rule) == ("spam", "honeypot")
    assert comment.held_detail == "the hidden field was filled in"
    assert mailoutbox == []


def test_the_rate_limit_answers_429_with_a_clear_page_and_stores_nothing(client, story, settings):
    settings.COMMENTS_RATE_LIMIT = 2
    for n in range(2):
        assert post_comment(client, story, text=f"Comment {n}").status_code == 302
    response = post_comment(client, story, text="One too many")
    assert response.status_code == 429
    assert "Too many comments" in response.text
    assert "You have sent several comments in a short time. Please wait a few minutes" in response.text
    assert response["Retry-After"] == "600"
    assert Comment.objects.count() == 2


def test_the_rate_limit_counts_each_address_separately(client, story, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    assert post_comment(client, story, text="First").status_code == 302
    assert post_comment(client, story, text="Second").status_code == 429
    other = client.post(
        f"/comments/story/{story.pk}/post/", form_data(story, text="Third"), REMOTE_ADDR="203.0.113.9"
    )
    assert other.status_code == 302


def test_x_forwarded_for_is_ignored_unless_the_site_is_behind_a_proxy(client, story, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    post_comment(client, story, text="First", headers={"X-Forwarded-For": "198.51.100.1"})
    assert (
        post_comment(client, story, text="Second", headers={"X-Forwarded-For": "198.51.100.2"}).status_code
        == 429
    )
    settings.TRUSTED_PROXY_COUNT = 1
    forged_then_real = {"X-Forwarded-For": "10.0.0.1, 198.51.100.3"}
    assert post_comment(client, story, text="Third", headers=forged_then_real).status_code == 302
    assert (
        post_comment(
            client, story, text="Fourth", headers={"X-Forwarded-For": "10.0.0.2, 198.51.100.3"}
        ).status_code
        == 429
    )


def test_the_same_text_from_the_same_commenter_on_the_same_story_is_refused_with_409(client, story):
    assert post_comment(client, story, text="Same words.").status_code == 302
    response = post_comment(client, story, text="Same words.", email="ANA@example.net")
    assert response.status_code == 409
    assert "You have already posted this comment on this story." in response.text
    assert Comment.objects.count() == 1


def test_the_same_text_from_someone_else_or_on_another_story_is_not_a_duplicate(client, story):
    from tests.factories import make_story

    post_comment(client, story, text="Thanks!")
    assert post_comment(client, story, text="Thanks!", email="bo@example.org").status_code == 302
    assert post_comment(client, make_story(), text="Thanks!").status_code == 302


LINKS = "See https://one.example.com, https://two.example.com and www.three.example.com."


def test_a_comment_with_more_links_than_allowed_is_held_with_the_reason(client, story):
    post_comment(client, story, text=LINKS)
    comment = Comment.objects.get()
    assert (comment.status, comment.held_rule) == ("pending", "links")
    assert comment.held_detail == "3 links to other sites (limit 2)"
    assert comment.link_count == 3


def test_links_to_sites_the_story_cites_do_not_count(client, story):
    Source.objects.create(
        story=story, title="Press release", outlet="DOJ", url="https://www.justice.gov/opa/pr/1"
    )
    story.body = '<p>As <a href="https://eluniversal.com.mx/nota">El Universal</a> reported.</p>'
    story.save()
    text = (
        "Read https://www.justice.gov/opa/pr/2 and https://justice.gov/x and "
        "https://eluniversal.com.mx/otra and https://news.example.org/story/other/ and https://one.example.com"
    )
    post_comment(client, story, text=text)
    comment = Comment.objects.get()
    assert comment.held_rule == "" and comment.link_count == 5


def test_the_link_limit_is_configurable(client, story, settings):
    settings.COMMENTS_MAX_LINKS = 3
    post_comment(client, story, text=LINKS)
    assert Comment.objects.get().held_rule == ""


@pytest.mark.parametrize(
    "field, value, detail",
    [
        ("name", "CasinoKing", "“casino” in name"),
        ("email", "promo@casino.example", "“casino” in email"),
        ("website", "https://casino.example/", "“casino” in website"),
        ("text", "Best CASINO bonuses", "“casino” in text"),
    ],
)
def test_the_spam_word_list_marks_comments_as_spam(client, story, field, value, detail):
    BlockedWord.objects.create(phrase="casino", action="spam")
    post_comment(client, story, **{field: value})
    comment = Comment.objects.get()
    assert (comment.status, comment.held_rule, comment.held_detail) == ("spam", "spam_words", detail)


def test_the_hold_word_list_holds_comments_for_moderation_with_the_reason(
    client, story, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@example.org"]
    BlockedWord.objects.create(phrase="cartel boss", action="hold")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, story, text="The Cartel Boss was named.")
    comment = Comment.objects.get()
    assert (comment.status, comment.held_rule, comment.held_detail) == (
        "pending",
        "hold_words",
        "“cartel boss” in text",
    )
    assert "Held by rule: hold_words (“cartel boss” in text)" in mailoutbox[0].body


@pytest.mark.parametrize(
    "phrase, caught", [("127.0.0.1", True), ("127.0.0.", True), ("127.0.0.12", False), ("127.", True)]
)
def test_word_lists_match_the_senders_address_or_its_start(client, story, phrase, caught):
    BlockedWord.objects.create(phrase=phrase, action="spam")
    post_comment(client, story)
    comment = Comment.objects.get()
    assert (comment.status == "spam") is caught
    if caught:
        assert comment.held_detail == f"“{phrase}” matches the IP address"


def test_spam_words_win_over_hold_words(client, story):
    BlockedWord.objects.create(phrase="pills", action="hold")
    BlockedWord.objects.create(phrase="cheap", action="spam")
    post_comment(client, story, text="cheap pills")
    assert Comment.objects.get().held_rule == "spam_words"


def test_returning_commenters_are_not_trusted_by_default(client, story):
    make_comment(story, email="ana@example.net", status="approved")
    post_comment(client, story)
    assert Comment.objects.latest("pk").status == "pending"


def test_with_the_setting_a_returning_commenter_is_published_at_once(client, story, settings):
    settings.COMMENTS_TRUST_RETURNING = True
    make_comment(story, email="Ana@Example.net", status="approved")
    response = post_comment(client, story, text="Published straight away.")
    comment = Comment.objects.latest("pk")
    assert comment.status == "approved"
    assert after_posting_url(comment) == f"{story.get_absolute_url()}?comment=published#comment-{comment.pk}"
    assert "Your comment is published." in client.get(response["Location"]).text
    page = client.get(after_posting_url(comment)).text
    assert "Your comment is published." in page and "Published straight away." in page


@pytest.mark.parametrize("earlier", ["pending", "spam", "removed"])
def test_only_an_approved_comment_makes_a_commenter_trusted(client, story, settings, earlier):
    settings.COMMENTS_TRUST_RETURNING = True
    make_comment(story, email="ana@example.net", status=earlier)
    post_comment(client, story)
    assert Comment.objects.latest("pk").status == "pending"


def test_a_held_comment_is_not_published_even_for_a_trusted_commenter(client, story, settings):
    settings.COMMENTS_TRUST_RETURNING = True
    make_comment(story, email="ana@example.net", status="approved")
    post_comment(client, story, text=LINKS)
    assert Comment.objects.latest("pk").status == "pending"


def test_a_published_reply_on_a_later_page_lands_on_a_page_starting_with_its_thread(client, story, settings):
    settings.COMMENTS_TRUST_RETURNING = True
    settings.COMMENTS_PER_PAGE = 2
    roots = [make_comment(story, minutes=n) for n in range(4)]
    make_comment(story, email="ana@example.net", minutes=10)
    response = post_comment(client, story, reply_to=str(roots[3].pk), text="A reply on page two.")
    reply = Comment.objects.latest("pk")
    assert reply.status == "approved"
    assert after_posting_url(reply) == (
        f"{story.get_absolute_url()}?comment=published&at={roots[3].pk}#comment-{reply.pk}"
    )
    assert response.status_code == 302
    page = client.get(after_posting_url(reply)).text
    assert "Your comment is published." in page and "A reply on page two." in page
