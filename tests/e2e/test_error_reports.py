"""Reporting an error in a real browser: a reader reports an error in the seed story, an
editor accepts the report with a correction notice that shows the change, readers see the
notice, and the reporter gets the one email."""

import re

import pytest
from django.core import mail

from articles.models import Story
from corrections.models import ErrorReport
from tests.e2e.test_newsroom_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)

SEED_STORY = "/story/joint-us-mexico-operation-dismantles-nogales-fentanyl-network/"
REPORTER_EMAIL = "marta.private.reporter@example.net"
NEW_STANDFIRST = "Six people were arrested on both sides of the border, officials now say."


@pytest.fixture
def seed(demo_newsroom, settings):
    settings.COMMENT_TOKEN_MIN_AGE = 1
    return Story.objects.get(slug=SEED_STORY.split("/")[2])


def report_an_error(page):
    page.goto(page.base + SEED_STORY)
    page.click("a:has-text('Report an error')")
    page.wait_for_selector("#report-form")
    page.fill("#er-what_is_wrong", "Officials now say six people were arrested, not five.")
    page.select_option("#er-item", index=1)  # the first round-up item
    page.fill("#er-source_url", "https://www.justice.gov/opa/pr/example")
    page.fill("#er-email", REPORTER_EMAIL)
    page.wait_for_timeout(1100)  # the form's token is refused in its first second


def test_a_reader_reports_an_error_and_an_editor_publishes_a_correction_that_shows_the_change(
    page_at, seed, run_axe
):
    reader = page_at(width=390, height=844)
    reader.goto(reader.base + SEED_STORY)
    report_an_error(reader)
    reader.shot("report-form")
    assert run_axe(reader) == []
    reader.click("#report-form button[type=submit]")
    reader.wait_for_url(re.compile(r"/thanks/$"))
    assert "Thank you for your report" in reader.inner_text("h1")
    assert REPORTER_EMAIL not in reader.content()
    reader.shot("thanks")
    report = ErrorReport.objects.get()
    assert (report.story_id, report.email, report.state) == (seed.pk, REPORTER_EMAIL, "new")
    assert report.item == seed.items.first()

    editor = page_at(width=1280)
    log_in(editor, "editor")
    # A revision pair to show the change between: the standfirst edited and published.
    editor.goto(f"{editor.base}/admin/articles/story/{seed.pk}/change/")
    editor.fill("#id_standfirst", NEW_STANDFIRST)
    editor.locator("input[name=_publish_changes]").first.click()
    editor.wait_for_selector(".messagelist .success")

    editor.goto(editor.base + "/admin/corrections/errorreport/")
    assert "Officials now say six people" in editor.inner_text("#result_list")
    editor.shot("queue")
    editor.locator("#result_list tbody tr").first.locator("th a").click()
    assert REPORTER_EMAIL in editor.inner_text("#content")
    editor.click("a:has-text('Accept and add a correction notice')")
    editor.wait_for_selector("#accept-form")
    editor.select_option("#id_kind", "correction")
    editor.click("#accept-form .ProseMirror")
    editor.keyboard.press("End")
    editor.keyboard.type(" six people were arrested, not five.")
    options = editor.locator("#id_change_after option").evaluate_all(
        "os => os.map(o => o.value).filter(Boolean)"
    )
    assert len(options) >= 2
    editor.select_option("#id_change_after", options[0])  # newest first
    editor.select_option("#id_change_before", options[1])
    editor.shot("accept-form")
    assert run_axe(editor) == []
    editor.click("input[name=_accept]")
    editor.wait_for_selector(".messagelist .success")
    assert "Report accepted" in editor.inner_text(".messagelist")
    editor.shot("accepted")

    report.refresh_from_db()
    assert report.state == "accepted" and report.correction.shows_change
    reader.goto(reader.base + SEED_STORY)
    reader.reload()
    notices = reader.inner_text(".notices")
    assert "six people were arrested, not five." in notices
    assert REPORTER_EMAIL not in reader.content()
    reader.shot("story-with-notice")
    # The register, its feeds and the notice's what-changed page show it too.
    reader.goto(reader.base + "/corrections/")
    assert "six people were arrested, not five." in reader.inner_text(".register")
    reader.shot("register")
    reader.click(".register__notice >> nth=0 >> a:has-text('See what changed')")
    reader.wait_for_selector(".change")
    assert "Six" in reader.inner_text(".change ins")
    assert run_axe(reader) == []
    reader.shot("what-changed")
    for feed in ("/corrections/feed/rss/", "/corrections/feed/atom/"):
        assert "six people were arrested, not five." in reader.request.get(reader.base + feed).text()

    sent = [m for m in mail.outbox if REPORTER_EMAIL in m.to]
    assert len(sent) == 1
    assert f"#notice-{report.correction_id}" in sent[0].body
