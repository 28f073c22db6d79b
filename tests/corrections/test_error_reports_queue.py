"""The editors' "Error reports" queue: states, filter, bulk decisions, and accepting a report
with a correction notice in one step, which tells the reporter once."""

import pytest
from django.urls import reverse

from articles.models import Correction, RoundupItem
from corrections.models import ErrorReport
from corrections.notifications import send_correction_published
from editorial.models import StoryRevision
from tests.editorial.helpers import change_url, open_form
from tests.factories import make_story, make_user

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:corrections_errorreport_changelist")


def accept_url(report):
    return reverse("admin:corrections_errorreport_accept", args=[report.pk])


def make_report(story, **fields):
    fields.setdefault("what_is_wrong", "The seizure was of 300,000 pills, not 30,000.")
    fields.setdefault("email", "reporter.private@example.net")
    return ErrorReport.objects.create(story=story, **fields)


@pytest.fixture
def story():
    return make_story("Fentanyl network dismantled", standfirst="Five people were arrested.")


def test_editors_see_the_queue_with_story_excerpt_and_state(editor, story):
    make_report(story)
    make_report(story, what_is_wrong="A declined one about the date.", state="declined")
    page = editor.get(CHANGELIST).text
    assert "Fentanyl network dismantled" in page
    assert "The seizure was of 300,000 pills" in page and "A declined one about the date." in page
    filtered = editor.get(CHANGELIST, {"state__exact": "new"}).text
    assert "The seizure was of 300,000 pills" in filtered and "A declined one" not in filtered


def test_moderators_and_contributors_have_no_queue(client, story):
    report = make_report(story)
    for username, group in [("mod", "Moderators"), ("writer", "Contributors")]:
        client.force_login(make_user(username, groups=[group], is_staff=True))
        assert client.get(CHANGELIST).status_code == 403
        assert client.get(accept_url(report)).status_code == 403


def test_editors_see_the_reporters_email_on_the_report(editor, story):
    report = make_report(story)
    page = editor.get(reverse("admin:corrections_errorreport_change", args=[report.pk])).text
    assert "reporter.private@example.net" in page
    assert "Accept and add a correction notice" in page


def test_decline_and_mark_duplicate_in_bulk_record_who_and_when(editor, story):
    first, second = make_report(story), make_report(story, what_is_wrong="Same error.")
    editor.post(CHANGELIST, {"action": "decline_selected", "_selected_action": [first.pk]})
    editor.post(CHANGELIST, {"action": "mark_selected_as_duplicate", "_selected_action": [second.pk]})
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.state, second.state) == ("declined", "duplicate")
    assert first.handled_by.username == "editor" and first.handled_at is not None


def test_bulk_actions_leave_accepted_reports_alone(editor, story):
    report = make_report(story, state="accepted")
    editor.post(CHANGELIST, {"action": "decline_selected", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.state == "accepted"


def test_a_duplicate_can_name_the_report_it_repeats(editor, story):
    original, repeat = make_report(story), make_report(story, what_is_wrong="Again.")
    response = editor.post(
        reverse("admin:corrections_errorreport_change", args=[repeat.pk]),
        {"state": "duplicate", "duplicate_of": str(original.pk)},
    )
    assert response.status_code == 302
    repeat.refresh_from_db()
    assert (repeat.state, repeat.duplicate_of) == ("duplicate", original)


@pytest.mark.parametrize(
    "state, message", [("duplicate", "cannot be a duplicate of itself"), ("declined", "")]
)
def test_a_report_cannot_repeat_itself_and_only_duplicates_name_one(editor, story, state, message):
    report, other = make_report(story), make_report(story, what_is_wrong="Other.")
    target = report if message else other
    response = editor.post(
        reverse("admin:corrections_errorreport_change", args=[report.pk]),
        {"state": state, "duplicate_of": str(target.pk)},
    )
    assert response.status_code == 200
    expected = message or "Only a report marked duplicate names the report it repeats."
    assert expected in response.text
    report.refresh_from_db()
    assert (report.state, report.duplicate_of) == ("new", None)


def test_the_state_must_be_one_of_the_four(story):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(story, state="lost")


def test_accept_page_shows_the_report_and_prefills_the_notice_form(editor, story):
    item = RoundupItem.objects.create(story=story, headline="A seizure in Nogales", body="<p>x</p>")
    report = make_report(story, item=item, source_url="https://www.justice.gov/release")
    page = editor.get(accept_url(report)).text
    assert "The seizure was of 300,000 pills" in page and "https://www.justice.gov/release" in page
    assert 'name="kind"' in page and 'name="change_before"' in page
    assert "In “A seizure in Nogales”" in page


def test_accepting_adds_the_notice_links_it_and_emails_the_reporter_once(
    editor, client, story, mailoutbox, django_capture_on_commit_callbacks
):
    report = make_report(story)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            accept_url(report), {"kind": "correction", "text": "<p>It was 300,000 pills.</p>"}
        )
    assert response.status_code == 302
    notice = Correction.objects.get(story=story)
    report.refresh_from_db()
    assert (report.state, report.correction, report.handled_by.username) == ("accepted", notice, "editor")
    assert report.notified_at is not None
    assert "It was 300,000 pills." in client.get(story.get_absolute_url()).text
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["reporter.private@example.net"]
    assert "Fentanyl network dismantled" in email.subject
    assert "It was 300,000 pills." in email.body and f"#notice-{notice.pk}" in email.body
    # Accepting again, or running the task again, sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(accept_url(report), {"kind": "correction", "text": "<p>Again.</p>"})
    send_correction_published.call(report.pk)
    assert len(mailoutbox) == 1
    assert Correction.objects.filter(story=story).count() == 1


def test_no_email_when_the_reporter_left_none(editor, story, mailoutbox, django_capture_on_commit_callbacks):
    report = make_report(story, email="")
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(accept_url(report), {"kind": "clarification", "text": "<p>Clearer now.</p>"})
    report.refresh_from_db()
    assert report.state == "accepted" and report.correction.kind == "clarification"
    assert mailoutbox == []


def test_a_bad_notice_comes_back_and_nothing_changes(editor, story, mailoutbox):
    report = make_report(story)
    response = editor.post(accept_url(report), {"kind": "correction", "text": ""})
    assert response.status_code == 200 and "errorlist" in response.text
    report.refresh_from_db()
    assert report.state == "new" and not Correction.objects.exists() and mailoutbox == []


def test_accepting_with_show_the_change(editor, story, mailoutbox, django_capture_on_commit_callbacks):
    data = open_form(editor, story)
    data.update(standfirst="Six people were arrested.", _publish_changes="Publish changes")
    editor.post(change_url(story), data)
    after, before = StoryRevision.objects.for_story(story)
    report = make_report(story)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            accept_url(report),
            {
                "kind": "correction",
                "text": "<p>Six.</p>",
                "change_before": before.pk,
                "change_after": after.pk,
            },
        )
    assert response.status_code == 302
    notice = Correction.objects.get(story=story)
    assert notice.shows_change and len(mailoutbox) == 1


def test_the_email_is_in_spanish_on_a_spanish_site(
    editor, story, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "es"
    report = make_report(story)
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(accept_url(report), {"kind": "correction", "text": "<p>Eran 300.000.</p>"})
    assert len(mailoutbox) == 1
    assert "Corregimos" in mailoutbox[0].subject


def test_no_email_while_the_story_is_not_public_and_the_editor_is_told(
    editor, mailoutbox, django_capture_on_commit_callbacks
):
    draft = make_story("Not out yet", status="draft", published_at=None)
    report = make_report(draft)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            accept_url(report), {"kind": "correction", "text": "<p>Fixed.</p>"}, follow=True
        )
    assert "the reporter was not emailed" in response.text
    report.refresh_from_db()
    assert report.state == "accepted" and report.notified_at is None
    assert mailoutbox == []
