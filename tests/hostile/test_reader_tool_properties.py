"""Property-based tests of the reader's signed-link pages: editing one's comment and the
reply-notification links. Whatever arrives, the answer is never a 500, and nothing changes
without the link's valid token."""

import unicodedata
from urllib.parse import urlencode

import pytest
from django import forms
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from comments import moderation, own_edits, subscriptions
from comments.models import Comment, ReplySubscription
from tests.comments.helpers import form_data
from tests.factories import make_story

pytestmark = pytest.mark.django_db

hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.sampled_from(["", " ", "\x00", "\u202e", "<script>alert(1)</script>", "😀" * 40, "%00", "x" * 5001]),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
)
hypothesis_config = hypothesis_settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def comment(settings):
    settings.COMMENTS_RATE_LIMIT = 100_000
    story = make_story("Target story")
    return moderation.add(
        Comment(story=story, name="Ana", email="ana@example.net", text="Original.", status="approved")
    )


@pytest.fixture
def subscription(comment):
    return ReplySubscription.objects.create(comment=comment, email=comment.email)


@hypothesis_config
@given(token=hostile_text, text=hostile_text, action=hostile_text, method=st.sampled_from(["get", "post"]))
def test_the_edit_page_never_fails_and_changes_nothing_without_its_token(
    client, comment, token, text, action, method
):
    url = reverse("comments:edit_own", kwargs={"pk": comment.pk}) + "?" + urlencode({"t": token})
    data = {"text": text, "action": action}
    response = client.get(url) if method == "get" else client.post(url, data)
    assert response.status_code in (200, 400, 404, 405)
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.text, stored.status) == ("Original.", "approved")


@hypothesis_config
@given(text=hostile_text, action=st.sampled_from(["save", "", "other"]))
def test_any_text_sent_with_a_valid_token_is_stored_cleanly_or_refused(client, comment, text, action):
    Comment.objects.filter(pk=comment.pk).update(text="Original.", status="approved")
    response = client.post(own_edits.edit_path(comment), {"text": text, "action": action})
    assert response.status_code in (302, 400)
    stored = Comment.objects.get(pk=comment.pk)
    if response.status_code == 302:
        assert stored.text == unicodedata.normalize("NFC", text.strip()) and "<script>" not in stored.html
    else:
        assert stored.text == "Original."


@hypothesis_config
@given(token=hostile_text, path=st.sampled_from(["notify_confirm", "notify_stop", "notify_stop_all"]))
def test_the_notification_links_never_fail_and_change_nothing_without_a_valid_token(
    client, subscription, token, path
):
    token = token.replace("/", "") or "x"
    url = reverse(f"comments:{path}", kwargs={"token": token})
    assert client.get(url).status_code == 200
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 400
    stored = ReplySubscription.objects.get(pk=subscription.pk)
    assert stored.confirmed_at is None


@pytest.mark.parametrize(
    "salt", [subscriptions.STOP_SALT, subscriptions.STOP_ALL_SALT, subscriptions.CONFIRM_SALT]
)
def test_a_token_signed_for_one_link_does_not_open_another(client, subscription, salt):
    value = (
        subscription.address_key
        if salt == subscriptions.STOP_ALL_SALT
        else [subscription.pk, subscription.address_key[:16]]
    )
    token = subscriptions.sign(value, salt)
    for path in ("notify_confirm", "notify_stop", "notify_stop_all"):
        answer = client.post(reverse(f"comments:{path}", kwargs={"token": token}))
        expected_salt = {
            "notify_confirm": subscriptions.CONFIRM_SALT,
            "notify_stop": subscriptions.STOP_SALT,
            "notify_stop_all": subscriptions.STOP_ALL_SALT,
        }[path]
        assert answer.status_code == (200 if expected_salt == salt else 400)


@hypothesis_config
@given(notify=hostile_text)
def test_any_notify_value_posts_without_a_server_error(client, comment, notify):
    data = {**form_data(comment.story), "notify": notify, "text": f"A comment {Comment.objects.count()}."}
    response = client.post(reverse("comments:post", args=[comment.story_id]), data)
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        asked = forms.BooleanField(required=False).clean(notify)  # "false" and "0" are unticked
        assert ReplySubscription.objects.filter(comment=Comment.objects.latest("pk")).exists() == asked
