"""In Chromium: three readers at different addresses report a comment and it leaves the
story page; a moderator clears five comments with the keyboard alone."""

import re
import time

import pytest
from playwright.sync_api import expect

from articles.models import Story
from comments.models import Comment
from tests.comments.helpers import make_comment
from tests.e2e.test_newsroom_journeys import SEED_STORY, log_in

pytestmark = pytest.mark.django_db(transaction=True)

REMARK = "A remark that three readers find abusive."


@pytest.fixture
def demo(demo_newsroom, settings):
    settings.COMMENT_TOKEN_MIN_AGE = 1
    settings.COMMENTS_REPORTS_TO_HOLD = 3
    settings.TRUSTED_PROXY_COUNT = 1  # the browsers below send X-Forwarded-For, as nginx would


def test_three_readers_report_a_comment_and_it_leaves_the_page(browser, live_server, demo, screenshot_dir):
    story = Story.objects.get(slug=SEED_STORY.strip("/").split("/")[-1])
    comment = make_comment(story, text=REMARK, email="author@example.net")
    for n in (1, 2, 3):
        context = browser.new_context(extra_http_headers={"X-Forwarded-For": f"203.0.113.{n}"})
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(live_server.url + SEED_STORY)
        page.reload()  # past any copy the browser kept: the page changes when the comment goes
        assert page.locator(f"text={REMARK}").count() == 1
        page.click(f'a[href="/comments/{comment.pk}/report/"]')
        page.wait_for_url(re.compile(rf"/comments/{comment.pk}/report/$"))
        page.check("input[value=abuse]")
        page.fill("#rp-note", f"Reader {n}: insults another reader.")
        time.sleep(1.1)  # the form's token is refused when sent at once
        if n == 1:
            page.screenshot(path=str(screenshot_dir / "report-form.png"), full_page=True)
        page.click("#report-form button[type=submit]")
        page.wait_for_url(re.compile(r"/report/thanks/$"))
        assert page.locator("text=Thank you for your report").count() == 1
        assert context.cookies() == []
        context.close()
    comment.refresh_from_db()
    assert comment.status == "pending" and comment.reports.count() == 3
    reader = browser.new_context().new_page()
    reader.goto(live_server.url + SEED_STORY)
    reader.reload()
    assert reader.locator(f"text={REMARK}").count() == 0
    reader.screenshot(path=str(screenshot_dir / "report-comment-gone.png"), full_page=True)
    reader.context.close()


def test_a_moderator_clears_five_comments_with_the_keyboard(page_at, demo):
    Comment.objects.pending().delete()
    story = Story.objects.get(slug=SEED_STORY.strip("/").split("/")[-1])
    made = [make_comment(story, status="pending", text=f"Queued comment {n}.") for n in range(5)]
    page = page_at(width=1280)
    log_in(page, "moderator")
    page.goto(page.base + "/admin/comments/comment/")
    page.wait_for_selector("#result_list tbody tr")
    # Typing in the search box does not decide anything.
    page.focus("#searchbar")
    page.keyboard.type("as")
    page.keyboard.press("Escape")
    page.evaluate("document.activeElement.blur()")
    assert Comment.objects.pending().count() == 5
    page.keyboard.press("?")
    page.wait_for_selector("dialog.queue-keys-dialog[open]")
    page.shot("keys-dialog")
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    expected = {"a": "approved", "s": "spam", "d": "removed"}
    said = {"a": "Comment approved.", "s": "Comment marked as spam.", "d": "Comment removed."}
    for n, key in enumerate(["a", "s", "d", "a", "a"], start=1):
        page.keyboard.press(key)
        expect(page.locator("#result_list tr.queue-decided")).to_have_count(n)
        expect(page.locator("#queue-announce")).to_have_text(said[key])
    page.shot("queue-cleared")
    # Newest first: the rows are the five comments in reverse order of making.
    statuses = [Comment.objects.get(pk=c.pk).status for c in reversed(made)]
    assert statuses == [expected[k] for k in ["a", "s", "d", "a", "a"]]
    assert Comment.objects.pending().count() == 0
    assert page.evaluate("document.activeElement.classList.contains('queue-current')")
    # r opens the focused comment's page at the reply form.
    page.keyboard.press("r")
    page.wait_for_url(re.compile(r"/change/#reply$"))
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    page.shot("reply-form")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_report_form_passes_axe_and_fits_a_phone(page_at, run_axe, demo, width):
    story = Story.objects.get(slug=SEED_STORY.strip("/").split("/")[-1])
    comment = make_comment(story, text="A comment to report.")
    page = page_at(width=width)
    page.goto(page.base + f"/comments/{comment.pk}/report/")
    page.click("#report-form button[type=submit]")  # no reason chosen: the browser asks for one
    page.shot("report-form-errors")
    problems = run_axe(page)
    overflow = page.evaluate("document.documentElement.scrollWidth") - width
    assert problems == [] and overflow <= 0, (problems, overflow)
