"""The reader's "Report an error" form under hostile input: whatever arrives, the answer is a
stored report with a redirect, or a form error / 4xx with nothing stored; never a 500. The XSS
corpus, sent as a report, is shown as text on the form and in the editors' queue."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.models import RoundupItem
from corrections.models import ErrorReport
from tests.corrections.report_helpers import report_data
from tests.factories import make_story
from tests.hostile.field_values import any_field_value
from tests.hostile.markup import MARKUP_VECTORS as VECTORS

pytestmark = pytest.mark.django_db

FIELDS = ["what_is_wrong", "item", "source_url", "email", "subject", "token"]
anything = any_field_value(
    "javascript:alert(1)", "http://", "https://[::1", "a@b", "../../etc/passwd", "x" * 5000
)
overrides = st.dictionaries(st.sampled_from(FIELDS), anything, max_size=len(FIELDS))
dropped = st.sets(st.sampled_from(FIELDS), max_size=3)


@pytest.fixture
def story(settings):
    settings.COMMENT_TOKEN_MIN_AGE = 2
    settings.COMMENTS_RATE_LIMIT = 100_000
    story = make_story("Target story", slug="target-story")
    RoundupItem.objects.create(story=story, headline="An item", body="<p>x</p>")
    return story


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=overrides, missing=dropped)
def test_any_report_post_is_answered_without_a_server_error(client, story, changes, missing):
    data = {**report_data(story), **changes}
    for field in missing:
        data.pop(field, None)
    before = ErrorReport.objects.count()
    response = client.post(reverse("reports:form", args=[story.slug]), data)
    stored = ErrorReport.objects.count() - before
    assert response.status_code < 500
    if response.status_code == 302:
        assert stored == 1
    else:
        assert 400 <= response.status_code < 500
        assert stored == 0


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(slug=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=80))
def test_any_story_address_is_never_a_server_error(client, story, slug):
    assert client.get(f"/report-error/{slug}/").status_code in (200, 404)
    assert client.post(f"/report-error/{slug}/", report_data(story)).status_code < 500


def test_the_xss_corpus_is_echoed_as_text_on_the_form(client, story):
    for vector in VECTORS[:120]:
        response = client.post(
            reverse("reports:form", args=[story.slug]),
            report_data(story, what_is_wrong=vector, email="not-an-email"),
        )
        assert response.status_code == 400
        assert vector not in response.text
    assert not ErrorReport.objects.exists()


def test_the_xss_corpus_is_shown_as_text_in_the_editors_queue(client, story):
    from tests.factories import make_user

    client.force_login(make_user("desk", groups=["Editors"], is_staff=True))
    for vector in VECTORS[:60]:
        report = ErrorReport.objects.create(
            story=story, what_is_wrong=vector, source_url="https://example.org/a?q=%3Cscript%3E"
        )
        for name in ("change", "accept"):
            page = client.get(reverse(f"admin:corrections_errorreport_{name}", args=[report.pk])).text
            assert vector not in page, (name, vector)
    assert vector[:30] not in client.get(reverse("admin:corrections_errorreport_changelist")).text
