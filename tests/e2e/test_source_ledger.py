"""The source ledger in a real browser: an editor finds the seed story's broken sources in the
admin report, and a reader follows the "archived copy" link of a gone source to the copy."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Story
from ledger.archiving import archive_source
from ledger.checking import check_link
from tests.e2e.test_newsroom_journeys import log_in
from tests.ledger.conftest import site  # noqa: F401  (the local web server fixture)

pytestmark = pytest.mark.django_db(transaction=True)

SEED_SLUG = "joint-us-mexico-operation-dismantles-nogales-fentanyl-network"


@pytest.fixture
def broken_seed(demo_newsroom, site, settings):  # noqa: F811
    """The seed story with one source gone (an archived copy kept) and one unreachable."""
    settings.LEDGER_GONE_AFTER_FAILURES, settings.LEDGER_GONE_AFTER_DAYS = 2, 3
    story = Story.objects.get(slug=SEED_SLUG)
    gone, failing = list(story.sources.all())[:2]
    gone.url, failing.url = site.url("/page"), site.url("/missing")
    gone.save()
    failing.save()
    archive_source(gone)
    site.routes["/page"] = (404, None)  # the page disappears after it was captured
    check_link(gone.url, now=timezone.now() - timedelta(days=5))
    check_link(gone.url)
    check_link(failing.url)
    return story, gone, failing


def test_an_editor_sees_the_broken_sources_report_and_a_reader_the_archived_copy(
    page_at, broken_seed, run_axe
):
    story, gone, failing = broken_seed
    editor = page_at(width=1280)
    log_in(editor, "editor")
    editor.click("a:has-text('Link checks')")
    editor.click("a:has-text('Broken sources, by story')")
    editor.wait_for_url(re.compile(r"/admin/ledger/linkcheck/broken/$"))
    report = editor.locator(".broken-sources__story").filter(has_text=story.headline)
    rows = report.locator("tbody tr")
    assert rows.count() == 2
    assert "Gone (404)" in rows.filter(has_text=gone.title).inner_text().replace("\t", " ").replace("\n", " ")
    assert "Unreachable (404)" in rows.filter(has_text=failing.title).inner_text().replace("\t", " ")
    editor.shot("broken-sources-report")
    assert run_axe(editor) == []

    editor.click(f".broken-sources__story h2 a:has-text('{story.headline[:30]}')")
    assert "is gone since" in editor.inner_text(".messagelist")
    editor.shot("story-form-warning")

    reader = page_at(width=390, height=844)
    reader.goto(reader.base + story.get_absolute_url())
    links = reader.locator(".sources a.archived-copy")
    assert links.count() == 1  # the gone source only; the failing one is not gone yet
    links.first.click()
    reader.wait_for_url(re.compile(rf"/sources/{gone.pk}/archive/$"))
    banner = reader.inner_text(".archived-banner")
    assert f"Archived copy of {gone.outlet} page, captured" in banner and gone.url in banner
    assert "Justice Department announces charges" in reader.inner_text(".archived-page")
    reader.shot("archived-copy")
