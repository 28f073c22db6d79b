"""Property-based tests of the comment POST: whatever arrives, the answer is a stored
comment with a redirect, or a form error / 4xx with nothing stored; never a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from comments.models import Comment
from tests.comments.helpers import form_data
from tests.factories import make_story
from tests.hostile.field_values import any_field_value

pytestmark = pytest.mark.django_db

FIELDS = ["name", "email", "website", "text", "reply_to", "subject", "token"]
anything = any_field_value("javascript:alert(1)", "http://", "a@b", "../../etc/passwd")
overrides = st.dictionaries(st.sampled_from(FIELDS), anything, max_size=len(FIELDS))
dropped = st.sets(st.sampled_from(FIELDS), max_size=3)


@pytest.fixture
def story(settings):
    settings.COMMENT_TOKEN_MIN_AGE = 2
    settings.COMMENTS_RATE_LIMIT = 100_000
    return make_story("Target story")


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=overrides, missing=dropped)
def test_any_comment_post_is_answered_without_a_server_error(client, story, changes, missing):
    data = {**form_data(story), **changes}
    for field in missing:
        data.pop(field, None)
    before = Comment.objects.count()
    response = client.post(reverse("comments:post", args=[story.pk]), data)
    stored = Comment.objects.count() - before
    assert response.status_code < 500
    if response.status_code == 302:
        assert stored == 1
    else:
        assert 400 <= response.status_code < 500 or response.status_code == 200
        assert stored == 0


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(story_id=st.one_of(st.integers(min_value=-5, max_value=10**12), st.just(0)))
def test_posting_to_any_story_number_is_never_a_server_error(client, story, story_id):
    url = f"/comments/story/{story_id}/post/" if story_id >= 0 else "/comments/story/x/post/"
    response = client.post(url, form_data(story))
    assert response.status_code < 500
