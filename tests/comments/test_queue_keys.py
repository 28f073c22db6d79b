"""The queue's keyboard shortcuts: the script is a static file (no inline script under the
admin's CSP), and the one-click URLs answer JSON when the script asks, remove included."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment, ModerationRecord
from tests.comments.helpers import make_comment
from tests.factories import make_user

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture
def moderator():
    return make_user("mod", groups=["Moderators"], is_staff=True)


def test_the_queue_loads_the_keys_script_from_a_file_with_its_help_and_live_region(client, moderator, story):
    make_comment(story, status="pending")
    client.force_login(moderator)
    page = client.get(CHANGELIST).text
    assert 'src="/static/comments/queue-keys.js"' in page
    assert 'id="queue-announce"' in page and 'aria-live="polite"' in page
    assert 'id="queue-keys-help"' in page and "<kbd>j</kbd>" in page
    assert "<script>" not in page and "onclick" not in page


@pytest.mark.parametrize(
    ("decision", "status", "message"),
    [("approve", "approved", "Comment approved."), ("spam", "spam", "Comment marked as spam."),
     ("remove", "removed", "Comment removed.")],
)  # fmt: skip
def test_a_decision_asked_for_as_json_answers_json_and_is_recorded(
    moderator, story, decision, status, message
):
    comment = make_comment(story, status="pending")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    page = browser.get(CHANGELIST).text
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = browser.post(
        reverse(f"admin:comments_comment_{decision}", args=[comment.pk]),
        {"csrfmiddlewaretoken": token, "queue": ""},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json() == {"changed": True, "status": status, "message": message}
    assert Comment.objects.get(pk=comment.pk).status == status
    assert ModerationRecord.objects.get(comment=comment).by == moderator
    again = browser.post(
        reverse(f"admin:comments_comment_{decision}", args=[comment.pk]),
        {"csrfmiddlewaretoken": token},
        headers={"Accept": "application/json"},
    )
    assert again.json()["changed"] is False
    # No message was queued for the next page: the script announced it already.
    assert message not in browser.get(CHANGELIST).text


def test_without_json_the_remove_url_redirects_to_the_queue(client, moderator, story):
    comment = make_comment(story, status="pending")
    client.force_login(moderator)
    response = client.post(reverse("admin:comments_comment_remove", args=[comment.pk]), {"queue": "p=1"})
    assert response.status_code == 302 and response["Location"] == f"{CHANGELIST}?p=1"


def test_decisions_as_json_still_need_the_moderate_permission(client, story):
    comment = make_comment(story, status="pending")
    viewer = make_user("viewer", is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    response = client.post(
        reverse("admin:comments_comment_approve", args=[comment.pk]), headers={"Accept": "application/json"}
    )
    assert response.status_code == 403 and Comment.objects.get(pk=comment.pk).status == "pending"
