"""The "Report a comment" form under hostile input: whatever arrives, the answer is a stored
report with a redirect, or a form error / 4xx with nothing stored; never a 500. The XSS
corpus, sent as a report's note, is echoed as text and shown as text to moderators."""

import time

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from comments.forms import make_token
from comments.models import CommentReport
from comments.reports import TOKEN_SALT
from tests.comments.helpers import make_comment
from tests.factories import make_story, make_user
from tests.hostile.field_values import any_field_value
from tests.hostile.markup import MARKUP_VECTORS as VECTORS

pytestmark = pytest.mark.django_db

FIELDS = ["reason", "note", "token"]
anything = any_field_value("spam", "abuse", "other", "x" * 5000)
overrides = st.dictionaries(st.sampled_from(FIELDS), anything, max_size=len(FIELDS))
dropped = st.sets(st.sampled_from(FIELDS), max_size=2)


@pytest.fixture
def comment(settings):
    settings.COMMENT_TOKEN_MIN_AGE = 2
    settings.COMMENTS_RATE_LIMIT = 100_000
    settings.COMMENTS_REPORTS_TO_HOLD = 1_000_000
    return make_comment(make_story("Target story", slug="target-story"), text="Reported remark.")


def good_data(comment, **changes):
    return {
        "reason": "abuse",
        "note": "",
        "token": make_token(comment, now=time.time() - 10, salt=TOKEN_SALT),
        **changes,
    }


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=overrides, missing=dropped, last=st.integers(0, 255))
def test_any_report_post_is_answered_without_a_server_error(client, comment, changes, missing, last):
    data = good_data(comment, **changes)
    for field in missing:
        data.pop(field, None)
    before = CommentReport.objects.count()
    response = client.post(
        reverse("comments:report", args=[comment.pk]), data, REMOTE_ADDR=f"198.51.100.{last}"
    )
    stored = CommentReport.objects.count() - before
    assert response.status_code < 500
    if response.status_code == 302:
        assert stored in (0, 1)  # 0: this address had reported it already
    else:
        assert 400 <= response.status_code < 500
        assert stored == 0


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pk=st.one_of(st.integers(-5, 2**70).map(str), st.text(alphabet="0123456789abc-", min_size=1, max_size=30))
)
def test_any_comment_address_is_never_a_server_error(client, comment, pk):
    url = f"/comments/{pk}/report/"
    assert client.get(url).status_code in (200, 404)
    assert client.post(url, good_data(comment)).status_code < 500


def test_the_xss_corpus_is_echoed_as_text_and_shown_as_text_to_moderators(client, comment):
    for vector in VECTORS[:80]:
        response = client.post(
            reverse("comments:report", args=[comment.pk]), good_data(comment, note=vector, reason="bogus")
        )
        assert response.status_code == 400 and vector not in response.text
    client.force_login(make_user("mod", groups=["Moderators"], is_staff=True))
    for n, vector in enumerate(VECTORS[:60]):
        CommentReport.objects.create(comment=comment, reason="other", note=vector[:500], ip_hash=f"{n:064x}")
    page = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).text
    for vector in VECTORS[:60]:
        if len(vector) <= 500:
            assert vector not in page
