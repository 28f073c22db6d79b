"""The editor's desk in a real browser: a live story edited as a draft, previewed and
published; two revisions compared and the older restored; a share link read by someone
without an account until it expires; two editors saving the same story."""

import datetime
import re

import pytest
from django.utils import timezone

from articles.models import Story
from tests.e2e.test_newsroom_journeys import choose_autocomplete, log_in
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

SEED_STORY = "/story/joint-us-mexico-operation-dismantles-nogales-fentanyl-network/"
NEW_STANDFIRST = "Six people were arrested on both sides of the border, officials now say."


@pytest.fixture
def seed(demo_newsroom):
    return Story.objects.get(slug=SEED_STORY.split("/")[2])


def change_form(page, story):
    page.goto(f"{page.base}/admin/articles/story/{story.pk}/change/")


def test_a_live_story_is_edited_as_a_draft_previewed_published_compared_and_restored(
    page_at, seed, screenshot_dir, run_axe
):
    editor = page_at(width=1280)
    log_in(editor, "editor")
    change_form(editor, seed)
    old_standfirst = editor.input_value("#id_standfirst")
    editor.fill("#id_standfirst", NEW_STANDFIRST)
    editor.fill("#id_revision_note", "New arrest figure")
    editor.locator("input[name=_save_draft]").first.click()
    editor.wait_for_selector(".messagelist .success")
    assert "saved as a draft" in editor.inner_text(".messagelist")
    assert editor.input_value("#id_standfirst") == NEW_STANDFIRST  # the form shows the draft
    editor.shot("draft-saved")

    reader = page_at(width=1280)
    reader.goto(reader.base + SEED_STORY)
    assert NEW_STANDFIRST not in reader.inner_text(".story__header")

    with editor.context.expect_page() as opened:
        editor.locator("input[name=_preview]").first.click()
    preview = opened.value
    preview.wait_for_load_state()
    assert NEW_STANDFIRST in preview.inner_text(".story__header")
    assert "Preview of unsaved changes" in preview.inner_text(".preview-banner")
    preview.screenshot(path=str(screenshot_dir / "desk-preview-of-change.png"), full_page=True)
    preview.close()

    editor.locator("input[name=_publish_changes]").first.click()
    editor.wait_for_selector(".messagelist .success")
    reader.reload()
    assert NEW_STANDFIRST in reader.inner_text(".story__header")
    reader.shot("published-change")

    change_form(editor, seed)
    editor.click("a.historylink")
    editor.wait_for_selector("#revision-list")
    editor.locator("#revision-list tbody tr").last.locator("input[name=a]").check()  # the original
    editor.shot("history")
    assert run_axe(editor) == []
    editor.click("input[value='Compare selected revisions']")
    editor.wait_for_selector(".desk-compare")
    assert "Six" in editor.inner_text(".desk-compare ins")
    editor.shot("compare")
    assert run_axe(editor) == []

    editor.go_back()
    editor.locator("#revision-list tbody tr").last.locator("button").click()
    editor.wait_for_selector(".messagelist .success")
    assert editor.input_value("#id_standfirst") == old_standfirst
    editor.shot("restored-as-draft")
    reader.reload()
    assert NEW_STANDFIRST in reader.inner_text(".story__header")  # restoring is never straight to live


def test_a_share_link_opens_an_unpublished_story_in_a_fresh_browser_until_it_expires(
    page_at, seed, monkeypatch, settings
):
    settings.SHARE_LINK_HOURS = 1
    seed.status = Story.Status.DRAFT
    seed.save()
    editor = page_at(width=1280)
    log_in(editor, "editor")
    change_form(editor, seed)
    editor.click("button[name=create]")
    editor.wait_for_selector(".messagelist .success a")
    url = editor.get_attribute(".messagelist .success a", "href")
    editor.shot("share-link")

    guest = page_at(width=390)  # a fresh context: no account, no cookies
    response = guest.goto(url)
    assert response.status == 200
    assert seed.headline in guest.inner_text("h1")
    assert guest.get_attribute("meta[name=robots]", "content") == "noindex, nofollow"
    guest.shot("shared")

    later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr("django.core.signing.time.time", lambda: later.timestamp())
    response = guest.goto(url)
    assert response.status == 410
    assert "expired" in guest.inner_text("h1")
    guest.shot("expired")


def test_the_second_editors_conflicting_save_is_refused_with_both_texts_kept(page_at, seed):
    make_user("second-editor", groups=["Editors"], is_staff=True)
    first, second = page_at(width=1280), page_at(width=1280)
    log_in(first, "editor")
    second.goto(second.base + "/admin/login/")
    second.fill("#id_username", "second-editor")
    second.fill("#id_password", "a-long-test-password")
    second.click("input[type=submit]")
    second.wait_for_url(re.compile(r"/admin/$"))
    change_form(first, seed)
    change_form(second, seed)

    first.fill("#id_standfirst", "First editor: five arrested.")
    first.locator("input[name=_publish_changes]").first.click()
    first.wait_for_selector(".messagelist .success")

    second.fill("#id_standfirst", "Second editor: six arrested.")
    second.locator("input[name=_publish_changes]").first.click()
    second.wait_for_selector(".desk-notice--error")
    assert second.input_value("#id_standfirst") == "Second editor: six arrested."
    second.shot("conflict")
    second.click(".desk-notice--error a")
    second.wait_for_selector(".desk-compare")
    diff = second.inner_text(".desk-compare")
    assert "First" in diff and "Second" in diff
    second.shot("conflict-compare")
    assert Story.objects.get(pk=seed.pk).standfirst == "First editor: five arrested."


def test_a_story_scheduled_30_seconds_ahead_appears_on_cached_pages_at_its_time(page_at, seed):
    editor = page_at(width=1280)
    log_in(editor, "editor")
    editor.goto(editor.base + "/admin/articles/story/add/")
    editor.fill("#id_headline", "Scheduled seizure report from Sonora")
    editor.fill("#id_standfirst", "Published by the clock, not by a person.")
    choose_autocomplete(editor, "id_primary_category", "Organ", "Organized Crime")
    choose_autocomplete(editor, "id_bylines-0-author", "Luc", "Lucía Herrera")
    editor.click(".field-body .ProseMirror")
    editor.keyboard.type("Soldiers found a tunnel under the border fence.")
    editor.select_option("#id_status", "published")
    due = timezone.localtime(timezone.now() + datetime.timedelta(seconds=30))
    editor.fill("#id_published_at_0", due.strftime("%Y-%m-%d"))
    editor.fill("#id_published_at_1", due.strftime("%H:%M:%S"))
    editor.locator("input[name=_save]").first.click()
    editor.wait_for_selector(".messagelist .success")
    assert "Scheduled" in editor.inner_text("#result_list")
    editor.shot("scheduled-in-list")

    reader = page_at(width=1280)
    category = seed.primary_category.get_absolute_url()
    urls = ["/", category, "/feeds/rss/"]
    before = {}
    for url in urls:
        response = reader.request.get(reader.base + url)
        assert "Scheduled seizure report" not in response.text()
        before[url] = response.headers["etag"]
        again = reader.request.get(reader.base + url, headers={"If-None-Match": before[url]})
        assert again.status == 304  # cached, and the cache is valid until the story is due

    wait = (due - timezone.localtime()).total_seconds() + 1.5
    reader.wait_for_timeout(max(wait, 0) * 1000)
    for url in urls:
        response = reader.request.get(reader.base + url, headers={"If-None-Match": before[url]})
        assert response.status == 200, url
        assert "Scheduled seizure report" in response.text(), url
    reader.goto(reader.base + "/")
    reader.shot("front-page-at-its-time")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_story_form_has_no_serious_accessibility_problems(page_at, seed, run_axe, width):
    editor = page_at(width=width)
    log_in(editor, "editor")
    change_form(editor, seed)
    editor.wait_for_selector(".ProseMirror")
    editor.shot("story-form")
    assert run_axe(editor) == []
    editor.goto(editor.base + "/admin/articles/story/add/")
    editor.wait_for_selector(".ProseMirror")
    assert run_axe(editor) == []
