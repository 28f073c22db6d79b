"""The newsroom in a real browser: an editor publishes, a reader comments on a phone, a
moderator approves, a reader replies, and each role stays in its lane."""

import re

import pytest

from comments.models import Comment
from tests.conftest import DEMO_PASSWORD
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

SEED_STORY = "/story/joint-us-mexico-operation-dismantles-nogales-fentanyl-network/"
READER_EMAIL = "lucia.private.reader@example.net"
# Three links to sites the story does not cite: the link rule holds it, with its reason.
READER_TEXT = (
    "Which agencies signed the coalition? Lists at https://one.example.org/a "
    "https://two.example.org/b and https://three.example.org/c"
)


@pytest.fixture
def demo(demo_newsroom, settings):
    settings.COMMENT_TOKEN_MIN_AGE = 1  # a keyboard user types for longer than that


def log_in(page, username):
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def choose_autocomplete(page, select_id, term, option_text):
    """Pick an option in one of the admin's autocomplete (select2) fields."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", term)
    page.click(f".select2-results__option:has-text('{option_text}')")


def test_editor_publishes_a_round_up_and_finds_it_everywhere(page_at, demo, tmp_path):
    page = page_at(width=1280)
    log_in(page, "editor")
    page.goto(page.base + "/admin/articles/story/add/")
    page.fill("#id_headline", "Border task force reports a second seizure")
    page.fill("#id_standfirst", "Officials in Sonora and Arizona describe a joint operation.")
    choose_autocomplete(page, "id_primary_category", "Organ", "Organized Crime")
    choose_autocomplete(page, "id_tags", "fent", "fentanyl")
    choose_autocomplete(page, "id_tags", "Nog", "Nogales")
    image = tmp_path / "border.jpg"
    image.write_bytes(image_bytes("JPEG", size=(1200, 700)))
    page.set_input_files("#id_image", str(image))
    page.fill("#id_image_alt", "Trucks waiting at a border crossing")
    page.fill("#id_image_caption", "The crossing at Nogales, Sonora.")
    page.fill("#id_image_credit", "Newsroom photo")
    page.select_option("#id_status", "published")
    page.click("#id_published_at_0 ~ .datetimeshortcuts a:has-text('Today')")
    page.click("#id_published_at_1 ~ .datetimeshortcuts a:has-text('Now')")
    choose_autocomplete(page, "id_bylines-0-author", "Luc", "Lucía Herrera")
    page.click("#items-group .add-row a")
    page.fill("#id_items-0-headline", "A second seizure in Nogales")
    page.click("#items-0 .ProseMirror")  # the item's rich-text editor
    page.keyboard.type("Agents found pills hidden in a truck.")
    page.fill("#id_items-0-source_line", "U.S. Department of Justice")
    for n, (title, outlet, language) in enumerate(
        [
            ("Incautan pastillas de fentanilo en Nogales", "El Universal", "es"),
            ("Task force announces seizure", "U.S. Department of Justice", "en"),
        ]
    ):
        page.click("#sources-group .add-row a")
        page.fill(f"#id_sources-{n}-title", title)
        page.fill(f"#id_sources-{n}-outlet", outlet)
        page.fill(f"#id_sources-{n}-language", language)
    page.shot("filled-in")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    page.shot("saved")

    headline = "Border task force reports a second seizure"
    for url in ["/", "/category/crime-and-violence/", "/tag/fentanyl/", "/tag/nogales/"]:
        page.goto(page.base + url)
        assert page.locator(f"a:has-text('{headline}')").count() >= 1, url
    page.shot("on-parent-category")
    page.goto(page.base + "/feeds/rss/")
    assert headline in page.content()
    page.goto(page.base + "/")
    page.click(f"a:has-text('{headline}')")
    assert page.locator("figure img[srcset]").count() == 1
    assert page.locator("cite[lang=es]").count() == 1
    assert page.locator("text=Source: U.S. Department of Justice").count() == 1
    page.shot("story")


def type_with_keyboard(page, text):
    page.keyboard.type(text, delay=5)


def fill_comment_with_keyboard(page, name, email, text):
    """Reach the form's fields with Tab only, as a keyboard user does."""
    page.focus("#comments h2, #comment-form-heading")
    labels = {}
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.name || ''")
        if focused in ("name", "email", "text") and focused not in labels:
            labels[focused] = True
            type_with_keyboard(page, {"name": name, "email": email, "text": text}[focused])
        if len(labels) == 3:
            break
    assert set(labels) == {"name", "email", "text"}, "the form's fields are not reachable with Tab"


def tab_to_submit(page):
    """From the comment box, past the form's tick boxes, to its submit button, with Tab only."""
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            return
    raise AssertionError("the submit button is not reachable with Tab")


def reload_story(page):
    """Go back to the story and press reload. The page may be kept for a minute
    (Cache-Control max-age); reloading asks the server, whose ETag has changed."""
    page.goto(page.base + SEED_STORY)
    page.reload()


def test_reader_comments_on_a_phone_and_a_moderator_approves(page_at, demo, browser, live_server):
    reader = page_at(width=390, height=844)
    reader.goto(reader.base + SEED_STORY)
    fill_comment_with_keyboard(reader, "Lucía Reader", READER_EMAIL, READER_TEXT)
    reader.shot("comment-typed")
    tab_to_submit(reader)
    reader.keyboard.press("Enter")
    reader.wait_for_url(re.compile(r"/posted/"))
    assert reader.locator("text=awaiting moderation").count() == 1
    assert reader.locator("text=Which agencies signed the coalition?").count() == 0
    assert reader.context.cookies() == []
    reader.shot("awaiting-moderation")
    assert Comment.objects.filter(email=READER_EMAIL, status="pending").count() == 1

    moderator = page_at(width=1280)
    log_in(moderator, "moderator")
    moderator.goto(moderator.base + "/admin/comments/comment/")
    first_row = moderator.locator("#result_list tbody tr").first
    assert "Which agencies signed the coalition?" in first_row.inner_text()
    assert "Too many links" in first_row.inner_text() and "3 links to other sites" in first_row.inner_text()
    moderator.shot("queue")
    first_row.locator("button:has-text('Approve'), input[value='Approve']").first.click()
    moderator.wait_for_selector(".messagelist .success")
    moderator.shot("approved")

    reload_story(reader)
    assert reader.locator("text=Which agencies signed the coalition?").count() == 1
    html = reader.content()
    assert READER_EMAIL not in html and "lucia.private.reader" not in html
    reader.shot("comment-published")

    # A reply from another reader threads under it once approved.
    first = Comment.objects.get(email=READER_EMAIL)
    reader.click(f"#comment-{first.pk} ~ .comment__actions a:has-text('Reply')")
    assert reader.locator("#cf-reply_to").input_value() == str(first.pk)
    reader.fill("#cf-name", "Tomás Reply")
    reader.fill("#cf-email", "tomas@example.org")
    reader.fill("#cf-text", "The State Department's FAQ lists them.")
    reader.wait_for_timeout(1100)  # the form's token must be at least a second old
    reader.click("#comment-form button[type=submit]")
    reader.wait_for_url(re.compile(r"/posted/"))
    reply = Comment.objects.get(email="tomas@example.org")
    assert reply.parent.email == READER_EMAIL
    moderator.goto(moderator.base + "/admin/comments/comment/")
    moderator.locator("#result_list tbody tr").first.locator(
        "button:has-text('Approve'), input[value='Approve']"
    ).first.click()
    moderator.wait_for_selector(".messagelist .success")
    reload_story(reader)
    nested = reader.locator(
        f"#comment-{reply.parent_id} ol #comment-{reply.pk}, "
        f"#comment-{reply.parent_id} ~ ol #comment-{reply.pk}"
    )
    assert nested.count() == 1 and "in reply to" in nested.inner_text()
    reader.shot("threaded-reply")


def test_contributor_cannot_publish_and_moderator_cannot_open_stories(page_at, demo):
    contributor = page_at(width=1280)
    log_in(contributor, "contributor")
    contributor.goto(contributor.base + "/admin/articles/story/add/")
    statuses = contributor.locator("#id_status option").all_inner_texts()
    assert "Published" not in statuses and "In review" in statuses
    contributor.shot("contributor-statuses")

    moderator = page_at(width=1280)
    log_in(moderator, "moderator")
    response = moderator.goto(moderator.base + "/admin/articles/story/1/change/")
    assert response.status == 403
    moderator.shot("moderator-refused")


def test_a_keyboard_reader_replies_through_the_reply_link_on_a_phone(page_at, demo):
    """Tab to a comment's Reply link, press Enter: the form moves under the comment, names
    it, and takes the keyboard; the reply is stored under that comment."""
    answered = Comment.objects.filter(story__slug=SEED_STORY.split("/")[2], status="approved").first()
    reader = page_at(width=390, height=844)
    reader.goto(reader.base + SEED_STORY)
    reader.focus(f"#comment-{answered.pk} a")  # the author's link or the permalink: inside the comment
    for _ in range(10):
        reader.keyboard.press("Tab")
        if reader.evaluate("document.activeElement.dataset.replyTo || ''") == str(answered.pk):
            break
    else:
        pytest.fail("the comment's Reply link is not reachable with Tab")
    reader.keyboard.press("Enter")
    form = reader.locator(f"#comment-{answered.pk} ~ #comment-form")
    assert form.count() == 1, "the form did not move under the comment"
    assert reader.evaluate("document.activeElement.name") == "name"
    assert form.locator(".reply-target").inner_text().startswith(f"Replying to {answered.name}")
    assert reader.locator("#cf-reply_to").input_value() == str(answered.pk)
    type_with_keyboard(reader, "Keyboard Reader")
    reader.keyboard.press("Tab")
    type_with_keyboard(reader, "keys@example.org")
    reader.keyboard.press("Tab")  # the optional website
    reader.keyboard.press("Tab")
    type_with_keyboard(reader, "Answering with the keyboard alone.")
    reader.shot("keyboard-reply-typed")
    # The form fits the phone's width: nothing to scroll sideways.
    assert reader.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    tab_to_submit(reader)
    reader.keyboard.press("Enter")
    reader.wait_for_url(re.compile(r"/posted/"))
    reply = Comment.objects.get(email="keys@example.org")
    assert (reply.parent_id, reply.status) == (answered.pk, "pending")
    assert reader.context.cookies() == []
