"""Editors see the ledger in admin: a health column and filter on cited sources, the
site-wide broken-sources report grouped by story, and warnings on the story form."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import RoundupItem, Source, Story
from ledger.models import ArchivedCopy, LinkCheck
from tests.articles.test_admin import story_form
from tests.factories import make_story, make_user

pytestmark = pytest.mark.django_db

REPORT = reverse("admin:ledger_broken_sources")
SOURCES = reverse("admin:articles_source_changelist")
NO_SOURCE = "has neither a source line nor a linked source."


@pytest.fixture
def editor(client):
    client.force_login(make_user("editor", groups=["Editors"], is_staff=True))
    return client


def record(url, status, http_status=None, days_failing=0):
    now = timezone.now()
    failing = status in LinkCheck.BROKEN and status != "blocked"
    return LinkCheck.objects.create(
        url=url,
        status=status,
        http_status=http_status,
        checked_at=now,
        first_failure_at=now - timedelta(days=days_failing) if failing else None,
        failure_count=4 if failing else 0,
    )


@pytest.fixture
def newsroom():
    cartel = make_story("Cartel leaders charged")
    border = make_story(
        "Border network dismantled", body='<p>See <a href="https://old.example/a?x=1&amp;y=2">it</a></p>'
    )
    quiet = make_story("A story whose links all work")
    Source.objects.create(story=cartel, title="Press release", outlet="DOJ", url="https://doj.example/pr")
    Source.objects.create(
        story=cartel, position=1, title="Statement", outlet="Treasury", url="https://t.example/s"
    )
    Source.objects.create(story=border, title="Nota", outlet="El Universal", url="https://eu.example/n")
    Source.objects.create(story=quiet, title="Fine", outlet="State", url="https://state.example/ok")
    record("https://doj.example/pr", "gone", 404, days_failing=9)
    record("https://t.example/s", "ok", 200)
    record("https://eu.example/n", "unreachable", 503, days_failing=1)
    record("https://old.example/a?x=1&y=2", "blocked", 403)
    record("https://state.example/ok", "redirected", 200)
    return cartel, border, quiet


def test_the_broken_sources_report_groups_broken_links_by_story(editor, newsroom):
    cartel, border, quiet = newsroom
    page = editor.get(REPORT)
    assert page.status_code == 200
    groups = page.context["stories"]
    assert [group["story"].headline for group in groups] == [
        "Border network dismantled",
        "Cartel leaders charged",
    ]
    border_rows = {(row["check"].url, row["source"] and row["source"].title) for row in groups[0]["rows"]}
    assert border_rows == {("https://eu.example/n", "Nota"), ("https://old.example/a?x=1&y=2", None)}
    assert [(row["check"].status, row["source"].title) for row in groups[1]["rows"]] == [
        ("gone", "Press release")
    ]
    assert "A story whose links all work" not in page.text and "https://t.example/s" not in page.text
    assert "a link in the text" in page.text


def test_the_link_checks_list_links_to_the_report(editor, newsroom):
    page = editor.get(reverse("admin:ledger_linkcheck_changelist"))
    assert REPORT in page.text


def test_contributors_do_not_see_the_report(client, newsroom):
    client.force_login(make_user("writer", groups=["Contributors"], is_staff=True))
    assert client.get(REPORT).status_code == 403


def test_sources_show_their_link_health_and_filter_on_it(editor, newsroom):
    page = editor.get(SOURCES)
    assert "Gone (404)" in page.text and "Unreachable (503)" in page.text and "Redirected" in page.text
    gone = editor.get(SOURCES, {"health": "gone"})
    assert [s.title for s in gone.context["cl"].result_list] == ["Press release"]
    Source.objects.create(story=newsroom[2], title="Unchecked", outlet="X", url="https://new.example/")
    unchecked = editor.get(SOURCES, {"health": "unchecked"})
    assert [s.title for s in unchecked.context["cl"].result_list] == ["Unchecked"]


def test_the_sources_list_runs_the_same_queries_for_1_and_20_sources(
    editor, newsroom, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        editor.get(SOURCES)
    for n in range(20):
        Source.objects.create(
            story=newsroom[2], position=n + 5, title=f"W{n}", outlet="O", url=f"https://x.example/{n}"
        )
    with CaptureQueriesContext(connection) as many:
        editor.get(SOURCES)
    assert len(many) == len(few)


def test_the_story_form_warns_about_broken_links(editor, newsroom):
    cartel, border, _quiet = newsroom
    page = editor.get(reverse("admin:articles_story_change", args=[cartel.pk]))
    assert "The link of the cited source “Press release” is gone since" in page.text
    page = editor.get(reverse("admin:articles_story_change", args=[border.pk]))
    assert "The link of the cited source “Nota” is unreachable since" in page.text
    assert "The link to https://old.example/a?x=1&amp;y=2 in the text is refused" in page.text


def test_editors_can_ask_for_a_copy_from_the_sources_list(editor, site, newsroom):
    source = Source.objects.create(story=newsroom[2], title="Fresh", outlet="O", url=site.url("/page"))
    response = editor.post(SOURCES, {"action": "archive_now", "_selected_action": [source.pk]}, follow=True)
    assert response.status_code == 200 and "1 copy requested." in response.text
    assert ArchivedCopy.objects.filter(source=source).count() == 1


def test_a_failed_copy_is_explained(editor, site, newsroom):
    source = Source.objects.create(story=newsroom[2], title="Lost", outlet="O", url=site.url("/missing"))
    response = editor.post(SOURCES, {"action": "archive_now", "_selected_action": [source.pk]}, follow=True)
    assert "The site answered 404 Not Found; no copy was kept." in response.text


def test_newly_cited_sources_are_copied_once_the_story_is_saved(
    editor, site, newsroom, django_capture_on_commit_callbacks
):
    data = story_form(**{"sources-1-url": site.url("/page")})
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(reverse("admin:articles_story_add"), data)
    source = Source.objects.get(url=site.url("/page"))
    assert source.archived_copies.count() == 1


def test_round_up_items_without_a_source_warn_when_the_rule_says_warn(editor, settings):
    settings.LEDGER_ITEM_SOURCE_RULE = "warn"
    response = editor.post(
        reverse("admin:articles_story_add"), story_form(**{"items-0-source_line": ""}), follow=True
    )
    story = Story.objects.get(slug="joint-operation")
    assert story.is_public
    assert (
        "Round-up item “Coalition launched” has neither a source line nor a linked source." in response.text
    )
    page = editor.get(reverse("admin:articles_story_change", args=[story.pk]))
    assert NO_SOURCE in page.text


def test_round_up_items_without_a_source_block_publishing_by_default(editor):
    response = editor.post(reverse("admin:articles_story_add"), story_form(**{"items-0-source_line": ""}))
    assert "Round-up item “Coalition launched” needs a source line." in response.text
    assert not Story.objects.exists()


def test_a_linked_source_is_enough_for_a_round_up_item():
    from django.core.exceptions import ValidationError

    story = make_story(status="draft")
    item = RoundupItem.objects.create(story=story, headline="Sanctions", body="<p>Named.</p>")
    with pytest.raises(ValidationError, match="needs a source line"):
        story.publish()
    Source.objects.create(story=story, item=item, title="Press release", outlet="Treasury")
    story.publish()
    assert story.is_public
