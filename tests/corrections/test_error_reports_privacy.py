"""A reporter's email is private: exported and erased with their comments by
`commenter_data`, and never part of a public page, feed or JSON-LD."""

import io
import json

import pytest
from django.core.management import call_command

from corrections.models import ErrorReport
from tests.corrections.report_helpers import post_report
from tests.factories import make_story

pytestmark = pytest.mark.django_db
EMAIL = "reporter.private@example.net"


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def story(settings):
    settings.COMMENT_TOKEN_MIN_AGE = 2
    return make_story("Fentanyl network dismantled")


def test_export_includes_the_persons_error_reports(client, story, tmp_path):
    post_report(client, story, email="Reporter.Private@Example.NET")
    ErrorReport.objects.create(story=story, what_is_wrong="Someone else's.", email="other@example.net")
    data = json.loads(run("commenter_data", "export", EMAIL))
    assert data["comments"] == []
    [report] = data["error_reports"]
    assert report["what_is_wrong"] == "The seizure was of 300,000 pills, not 30,000."
    assert report["email"] == "Reporter.Private@example.net"
    assert report["story"] == {"headline": story.headline, "slug": story.slug}
    assert {"source_url", "state", "created_at", "ip_hash", "user_agent", "item"} <= report.keys()
    target = tmp_path / "out.json"
    assert run("commenter_data", "export", EMAIL, "--output", str(target)) == (
        f"Wrote 0 comments and 1 error reports to {target}.\n"
    )


def test_erase_removes_the_email_ip_hash_and_user_agent_of_reports(client, story):
    post_report(client, story, headers={"User-Agent": "Firefox/140"})
    other = ErrorReport.objects.create(story=story, what_is_wrong="Keep me.", email="other@example.net")
    out = run("commenter_data", "erase", EMAIL)
    assert "Removed the email, IP hash, user agent of 1 error reports." in out
    report = ErrorReport.objects.exclude(pk=other.pk).get()
    assert (report.email, report.ip_hash, report.user_agent) == ("", "", "")
    assert report.what_is_wrong.startswith("The seizure")
    assert ErrorReport.objects.get(pk=other.pk).email == "other@example.net"


def test_erase_with_remove_text_replaces_the_reports_text_and_dry_run_changes_nothing(client, story):
    post_report(client, story)
    assert "Would remove" in run("commenter_data", "erase", EMAIL, "--dry-run")
    assert ErrorReport.objects.get().email == EMAIL
    run("commenter_data", "erase", EMAIL, "--remove-text")
    assert ErrorReport.objects.get().what_is_wrong == "(This report was removed at its author's request.)"


def test_the_reporters_email_is_not_in_the_story_page_or_its_json_ld_after_a_correction(client, story):
    post_report(client, story)
    report = ErrorReport.objects.get()
    notice = story.add_notice("correction", "<p>It was 300,000 pills.</p>")
    report.accept(correction=notice, by=None)
    page = client.get(story.get_absolute_url()).text
    assert "It was 300,000 pills." in page and EMAIL not in page
    for url in ["/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/corrections/"]:
        response = client.get(url)
        assert EMAIL not in response.content.decode(), url


def test_the_retention_command_clears_the_ip_hash_and_user_agent_of_old_reports(client, story):
    from datetime import timedelta

    from django.utils import timezone

    post_report(client, story, headers={"User-Agent": "Firefox"}, email="ana@example.net")
    post_report(client, story, headers={"User-Agent": "Firefox"}, what_is_wrong="A second, recent report.")
    old, recent = ErrorReport.objects.order_by("pk")
    ErrorReport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=91))
    assert "of 1 error reports older than 90 days" in run("purge_commenter_data")
    old.refresh_from_db(), recent.refresh_from_db()
    assert (old.ip_hash, old.user_agent) == ("", "") and old.email == "ana@example.net"
    assert recent.ip_hash and recent.user_agent
