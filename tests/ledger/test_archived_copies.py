"""Archived copies: kept in media storage as WARC records with a checksum, served from our own
domain with a banner, a sandbox policy and no script; linked from the story page only when the
original is gone; named in the story's JSON-LD."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Source, Story
from ledger.archiving import archive_source
from ledger.checking import check_link
from ledger.fetcher import FetchFailed
from ledger.models import ArchivedCopy
from tests.articles.test_metadata import parse
from tests.factories import make_story
from tests.ledger.conftest import PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited(site):
    story = make_story("Charges announced")
    return Source.objects.create(
        story=story, title="Four charged", outlet="U.S. Department of Justice", url=site.url("/page")
    )


def test_a_copy_is_stored_as_a_warc_record_with_checksum_and_capture_time(cited, site):
    copy = archive_source(cited)
    assert copy.warc.name.startswith("ledger/") and copy.warc.name.endswith(".warc.gz")
    assert default_storage.exists(copy.warc.name)
    assert copy.sha256 == hashlib.sha256(PAGE).hexdigest() and copy.size == len(PAGE)
    assert copy.content_type == "text/html" and timezone.now() - copy.captured_at < timedelta(minutes=1)
    body, content_type = copy.read()
    assert body == PAGE and content_type == "text/html; charset=utf-8"
    with default_storage.open(copy.warc.name, "rb") as stored:
        from warcio.archiveiterator import ArchiveIterator

        [record] = list(ArchiveIterator(stored))
        assert record.rec_type == "response"
        assert record.rec_headers.get_header("WARC-Target-URI") == site.url("/page")
        assert record.http_headers.get_statuscode() == "200"


def test_an_oversized_page_is_not_kept(cited, site):
    cited.url = site.url("/big")
    with pytest.raises(FetchFailed, match="larger than 5 MB"):
        archive_source(cited)
    cited.url = site.url("/big-unannounced")
    with pytest.raises(FetchFailed, match="larger than 5 MB"):
        archive_source(cited)
    assert not ArchivedCopy.objects.exists()


def test_only_allowed_content_types_are_kept(cited, site):
    cited.url = site.url("/photo.png")
    with pytest.raises(FetchFailed, match="image/png"):
        archive_source(cited)
    cited.url = site.url("/report.pdf")
    assert archive_source(cited).content_type == "application/pdf"


def test_a_missing_page_leaves_no_copy(cited, site):
    cited.url = site.url("/missing")
    with pytest.raises(FetchFailed, match="404"):
        archive_source(cited)


def test_the_archived_copy_is_served_with_banner_and_sandbox_and_without_script(client, cited, settings):
    settings.LANGUAGE_CODE = "en"
    copy = archive_source(cited)
    response = client.get(f"/sources/{cited.pk}/archive/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert policy.startswith("sandbox;") and "allow-scripts" not in policy and "script-src" not in policy
    html = response.text
    date = copy.captured_at.astimezone()
    banner = re.sub(r"\s+", " ", re.search(r'class="archived-banner"[^>]*>\s*<p>(.*?)</p>', html, re.S)[1])
    assert banner.startswith("Archived copy of U.S. Department of Justice page, captured ")
    assert str(date.year) in banner and banner.endswith(f"the original is at {cited.url}")
    page = html.split('class="archived-page', 1)[1]
    assert "<h2>Justice Department announces charges</h2>" in page
    assert "Four people were charged" in page and "full statement" in page
    traces = ("<script", "alert(", "onload", "onclick", "<form", "send", "javascript:", "<iframe", "evil.")
    for trace in traces:
        assert trace not in page.lower(), trace
    assert response["X-Robots-Tag"] == "noindex"


def test_an_archived_pdf_is_offered_for_download(client, cited, site):
    cited.url = site.url("/report.pdf")
    cited.save()
    archive_source(cited)
    page = client.get(f"/sources/{cited.pk}/archive/")
    assert page.status_code == 200 and "Download the archived document" in page.text
    document = client.get(f"/sources/{cited.pk}/archive/document.pdf")
    assert document.content.startswith(b"%PDF") and document["Content-Disposition"].startswith("attachment")
    assert document["Content-Security-Policy"].startswith("sandbox;")


def test_no_copy_or_an_unpublished_story_is_a_404(client, cited):
    assert client.get(f"/sources/{cited.pk}/archive/").status_code == 404
    archive_source(cited)
    Story.objects.filter(pk=cited.story_id).update(status=Story.Status.DRAFT)
    assert client.get(f"/sources/{cited.pk}/archive/").status_code == 404
    assert client.get("/sources/999999/archive/").status_code == 404


def sources_section(client, story):
    html = client.get(story.get_absolute_url()).text
    return html.split('id="sources-heading"', 1)[1].split("</section>", 1)[0]


def test_the_story_page_links_the_archived_copy_only_when_the_original_is_gone(client, cited, site, settings):
    settings.LEDGER_GONE_AFTER_FAILURES, settings.LEDGER_GONE_AFTER_DAYS = 2, 3
    archive_source(cited)
    check_link(cited.url)
    assert "archived copy" not in sources_section(client, cited.story)  # the original answers

    site.routes["/page"] = (404, None)
    check_link(cited.url, now=timezone.now() - timedelta(days=4))
    assert "archived copy" not in sources_section(client, cited.story)  # failing, not yet gone

    check_link(cited.url)
    section = sources_section(client, cited.story)
    assert f'<a class="archived-copy" href="/sources/{cited.pk}/archive/">archived copy</a>' in section


def test_a_gone_source_without_a_copy_has_no_archived_copy_link(client, cited, site, settings):
    settings.LEDGER_GONE_AFTER_FAILURES, settings.LEDGER_GONE_AFTER_DAYS = 1, 0
    site.routes["/page"] = (410, None)
    assert check_link(cited.url).status == "gone"
    assert "archived copy" not in sources_section(client, cited.story)


def citations(client, story):
    page = parse(client.get(story.get_absolute_url()).text)
    article = next(node for node in page.json_ld[0]["@graph"] if node["@type"] == "NewsArticle")
    return article["citation"]


def test_json_ld_citations_carry_archived_at_when_a_copy_exists(client, cited):
    other = Source.objects.create(story=cited.story, position=2, title="No link", outlet="El Universal")
    [before, _] = citations(client, cited.story)
    assert "archivedAt" not in before
    archive_source(cited)  # also refreshes the story's cached page
    first, second = citations(client, cited.story)
    assert first["archivedAt"] == f"https://news.example.org/sources/{cited.pk}/archive/"
    assert first["url"] == cited.url and "archivedAt" not in second
    assert other.pk != cited.pk


def test_the_story_page_query_count_does_not_grow_with_archived_sources(client, site):
    def count(story):
        with CaptureQueriesContext(connection) as captured:
            client.get(story.get_absolute_url())
        return len(captured)

    small, big = make_story("Small"), make_story("Big")
    Source.objects.create(story=small, title="W", outlet="O", url=site.url("/page"))
    archive_source(small.sources.get())
    for n in range(8):
        archive_source(
            Source.objects.create(story=big, position=n, title=f"W{n}", outlet="O", url=site.url("/page"))
        )
    assert count(big) == count(small)


def test_the_banner_and_the_story_page_link_are_in_spanish(client, cited, site, settings):
    settings.LANGUAGE_CODE = "es"
    settings.LEDGER_GONE_AFTER_FAILURES, settings.LEDGER_GONE_AFTER_DAYS = 1, 0
    archive_source(cited)
    site.routes["/page"] = (410, None)
    check_link(cited.url)
    banner = client.get(f"/sources/{cited.pk}/archive/").text
    assert "Copia archivada de una página de U.S. Department of Justice, capturada el" in banner
    assert f"el original está en {cited.url}" in banner
    assert ">copia archivada</a>" in sources_section(client, cited.story)


def test_readers_get_a_shareable_copy_and_staff_a_private_one(client, admin_client, cited):
    archive_source(cited)
    url = f"/sources/{cited.pk}/archive/"
    public = client.get(url)
    assert "public" in public["Cache-Control"] and "Cookie" not in public.get("Vary", "")
    staff = admin_client.get(url)
    assert "private" in staff["Cache-Control"] and staff["Content-Security-Policy"].startswith("sandbox;")
    Story.objects.filter(pk=cited.story_id).update(status=Story.Status.DRAFT)
    assert client.get(url).status_code == 404 and admin_client.get(url).status_code == 200


def test_a_copy_of_a_link_the_editor_replaced_is_not_shown_for_the_new_link(client, cited, site):
    from ledger.archiving import sources_without_copy

    archive_source(cited)
    assert list(sources_without_copy()) == []
    cited.url = site.url("/hop/1")
    cited.save()
    assert list(sources_without_copy()) == [cited]
    assert client.get(f"/sources/{cited.pk}/archive/").status_code == 404
    assert "archivedAt" not in citations(client, cited.story)[0]
    archive_source(cited)
    assert client.get(f"/sources/{cited.pk}/archive/").status_code == 200


def test_the_stored_file_goes_with_its_source(cited, django_capture_on_commit_callbacks):
    name = archive_source(cited).warc.name
    with django_capture_on_commit_callbacks(execute=True):
        cited.delete()
    assert not ArchivedCopy.objects.exists() and not default_storage.exists(name)
