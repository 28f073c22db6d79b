"""The rich-text editor in a real browser: an editor writes a story with the toolbar and the
keyboard, puts a picture from the image library in it, and readers see it all; the editor runs
under the admin's Content-Security-Policy and is usable with a screen reader."""

import re

import pytest

from articles.models import LibraryImage, Story
from tests.articles.library import make_library_image
from tests.conftest import DEMO_PASSWORD
from tests.e2e.conftest import AXE
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

BODY = ".field-body:has(#id_body)"
SEED_STORY_ID_SLUG = "joint-us-mexico-operation-dismantles-nogales-fentanyl-network"
WORD_PASTE = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><body>"
    "<p class=MsoNormal style='margin-bottom:0cm;mso-line-height-alt:12pt'>"
    "<b style='mso-bidi-font-weight:normal'><span lang=ES-MX style='font-size:12.0pt;"
    "mso-ansi-language:ES-MX'>Operativo</span></b><span style='mso-spacerun:yes'> </span>"
    "en Nogales<o:p></o:p></p></body></html>"
)


def log_in(page, username):
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def watch_for_problems(page):
    """Console errors, uncaught errors and CSP violations the page reports, as they come."""
    problems = []
    page.on("pageerror", lambda error: problems.append(f"error: {error}"))
    # Failed requests are left out: the favicon, and the upload refused on purpose (400).
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type == "error" and "Failed to load" not in m.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return problems


def choose_autocomplete(page, select_id, term, option_text):
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", term)
    page.click(f".select2-results__option:has-text('{option_text}')")


def toolbar_button(page, field, label):
    return page.locator(f"{field} [role=toolbar] button[aria-label='{label}']")


def axe_problems(page, *selectors):
    """Serious and critical axe findings inside the given parts of the page."""
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """(include) => axe.run({include}, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice']}})""",
        [[selector] for selector in selectors],
    )
    return [
        f"{v['impact']}: {v['id']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def selected_in_editor(page, text, at_end=False):
    """Wait until the editor has the focus and `text` selected (or the caret at the end of a
    paragraph). A browser reports selection changes a moment after the keys: a person is
    never that fast, a test is."""
    page.wait_for_function(
        """([text, atEnd]) => {
            const editor = document.activeElement.editor
            if (!editor) return false
            const {from, to, $to} = editor.state.selection
            return editor.state.doc.textBetween(from, to) === text
                && (!atEnd || $to.parentOffset === $to.parent.content.size)
        }""",
        arg=[text, at_end],
    )


def write_the_body(page, tmp_path):
    body = BODY
    page.click(f"{body} .ProseMirror")
    toolbar_button(page, body, "Heading 2").click()
    page.keyboard.type("What the task force found")
    page.keyboard.press("Enter")
    page.keyboard.type("Agents seized ")
    page.keyboard.press("Control+b")
    page.keyboard.type("two tonnes")
    page.keyboard.press("Control+b")
    page.keyboard.type(" of precursors, says the press release.")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Control+Shift+ArrowLeft")
    page.keyboard.press("Control+Shift+ArrowLeft")
    selected_in_editor(page, "press release")
    page.keyboard.press("Control+k")
    page.fill(".prose-editor-dialog input[name=href]", "https://www.justice.gov/opa")
    page.click(".prose-editor-dialog button[type=submit]")
    page.locator(f"{body} .ProseMirror a[href]").wait_for()
    selected_in_editor(page, "press release")
    # To the end of the paragraph. Two ArrowRights (out of the link, past the full stop)
    # sometimes left the caret inside the link's boundary; End goes there in one key.
    page.keyboard.press("End")
    selected_in_editor(page, "", at_end=True)
    page.keyboard.press("Enter")
    # The toolbar by keyboard: Alt+F10 reaches it, arrows move along it, Enter presses.
    page.keyboard.press("Alt+F10")
    while page.evaluate("document.activeElement.getAttribute('aria-label')") != "Bulleted list":
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.keyboard.type("Fentanyl pills")
    page.keyboard.press("Enter")
    page.keyboard.type("Pill presses")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    toolbar_button(page, body, "Block quote").click()
    page.keyboard.type("The network is dismantled.")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    insert_an_uploaded_image(page, tmp_path)


def insert_an_uploaded_image(page, tmp_path):
    picture = tmp_path / "seizure.jpg"
    picture.write_bytes(image_bytes("JPEG", size=(1000, 600)))
    toolbar_button(page, BODY, "Insert an image from the library").click()
    dialog = page.locator("dialog.library-chooser")
    dialog.locator("text=Upload a new image").wait_for()
    page.shot("chooser")
    dialog.locator("button[type=submit]:has-text('Upload and insert')").click()
    dialog.locator("[role=alert]").wait_for()  # nothing chosen yet: errors, not a 500
    assert dialog.locator(".errorlist").count() >= 2
    dialog.locator("input[type=file]").set_input_files(str(picture))
    dialog.locator("input[name='library-alt_text']").fill("Pills laid out on a table")
    dialog.locator("input[name='library-caption']").fill("Pills seized in Nogales.")
    dialog.locator("input[name='library-credit']").fill("Newsroom photo")
    dialog.locator("button[type=submit]:has-text('Upload and insert')").click()
    page.locator(f"{BODY} .ProseMirror figure img[data-image]").wait_for()
    assert page.locator("dialog.library-chooser").count() == 0


def fill_in_the_rest(page):
    page.fill("#id_headline", "Task force seizes precursors in Nogales")
    page.fill("#id_standfirst", "Agents describe what they found.")
    choose_autocomplete(page, "id_primary_category", "Organ", "Organized Crime")
    choose_autocomplete(page, "id_bylines-0-author", "Luc", "Lucía Herrera")
    page.select_option("#id_status", "published")
    page.click("#id_published_at_0 ~ .datetimeshortcuts a:has-text('Today')")
    page.click("#id_published_at_1 ~ .datetimeshortcuts a:has-text('Now')")


def test_editor_writes_a_story_with_the_toolbar_and_readers_see_it(page_at, demo_newsroom, tmp_path):
    page = page_at(width=1280)
    problems = watch_for_problems(page)
    log_in(page, "editor")
    page.goto(page.base + "/admin/articles/story/add/")
    write_the_body(page, tmp_path)
    fill_in_the_rest(page)
    page.locator(BODY).scroll_into_view_if_needed()
    page.shot("editor")
    with page.context.expect_page() as opened:  # Preview opens the unsaved story in a new tab
        page.locator("input[name=_preview]").first.click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator(".story__body h2:has-text('What the task force found')").count() == 1
    assert preview.locator(".story__body figure img").get_attribute("alt") == "Pills laid out on a table"
    assert not Story.objects.filter(headline="Task force seizes precursors in Nogales").exists()
    preview.close()
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    story = Story.objects.get(headline="Task force seizes precursors in Nogales")
    image = LibraryImage.objects.get()
    assert f'data-image="{image.pk}"' in story.body
    page.goto(page.base + story.get_absolute_url())
    body = page.locator(".story__body")
    assert body.locator("h2:has-text('What the task force found')").count() == 1
    assert body.locator("strong:has-text('two tonnes')").count() == 1
    assert body.locator("a[href='https://www.justice.gov/opa']:has-text('press release')").count() == 1
    assert body.locator("ul li").all_inner_texts() == ["Fentanyl pills", "Pill presses"]
    assert body.locator("blockquote:has-text('The network is dismantled.')").count() == 1
    figure = body.locator("figure")
    assert figure.locator("picture source[type='image/webp'][srcset*='480w']").count() == 1
    assert figure.locator("img").get_attribute("alt") == "Pills laid out on a table"
    assert figure.locator("figcaption").inner_text() == "Pills seized in Nogales. Credit: Newsroom photo"
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    page.shot("public")
    assert problems == []


def test_existing_story_opens_unchanged_and_the_form_is_accessible(page_at, demo_newsroom):
    make_library_image("Trucks waiting at the Nogales crossing")
    make_library_image("Pills laid out on a table")
    page = page_at(width=1280)
    problems = watch_for_problems(page)
    log_in(page, "editor")
    story = Story.objects.get(slug=SEED_STORY_ID_SLUG)
    page.goto(page.base + f"/admin/articles/story/{story.pk}/change/")
    editors = page.locator(".prose-editor .ProseMirror")
    editors.first.wait_for()
    for n in range(editors.count()):
        stored, shown = editors.nth(n).evaluate(
            "el => [el.parentElement.querySelector('textarea').value, el.editor.getHTML()]"
        )
        assert shown == (stored or "<p></p>")
    assert page.locator(".rich-text-notice").count() == 0
    body = page.locator(f"{BODY} .ProseMirror")
    assert body.get_attribute("role") == "textbox"
    assert page.locator(f"#{body.get_attribute('aria-labelledby')}").inner_text().startswith("Body")
    assert toolbar_button(page, BODY, "Bold").count() == 1
    toolbar_button(page, BODY, "Insert an image from the library").click()
    page.locator("dialog.library-chooser button[data-image]").first.wait_for()
    page.shot("chooser")
    # The editors, their toolbars and the chooser. The rest of the form has findings of its
    # own (Django admin's autocomplete widgets and tabular inlines), outside this check.
    assert axe_problems(page, BODY, "#items-group .prose-editor", "dialog.library-chooser") == []
    page.keyboard.press("Escape")
    assert page.locator("dialog.library-chooser").count() == 0
    assert problems == []


def test_a_stored_text_with_formatting_the_site_no_longer_keeps_says_so(page_at, demo_newsroom):
    story = Story.objects.get(slug=SEED_STORY_ID_SLUG)
    # As a story saved before the allowlist matched the editor (update() skips the sanitiser).
    Story.objects.filter(pk=story.pk).update(body="<p>Seized:</p><table><tr><td>Pills</td></tr></table>")
    page = page_at(width=1280)
    log_in(page, "editor")
    page.goto(page.base + f"/admin/articles/story/{story.pk}/change/")
    notice = page.locator(f"{BODY} .rich-text-notice")
    assert "formatting the site no longer keeps (<table>, <tbody>, <tr>, <td>)" in notice.inner_text()
    text = page.locator(f"{BODY} .ProseMirror")
    assert "Pills" in text.inner_text()
    assert "id_body-notice" in text.get_attribute("aria-describedby").split()
    assert "<table>" in page.locator("#id_body").input_value()  # untouched until edited
    page.locator(BODY).scroll_into_view_if_needed()
    page.shot("lost-formatting")


def test_word_paste_becomes_clean_markup_in_the_editor(page_at, demo_newsroom):
    page = page_at(width=1280)
    log_in(page, "editor")
    page.goto(page.base + "/admin/articles/story/add/")
    page.click(f"{BODY} .ProseMirror")
    page.evaluate(
        """(html) => {
            const data = new DataTransfer()
            data.setData('text/html', html)
            data.setData('text/plain', 'Operativo en Nogales')
            const paste = new ClipboardEvent('paste', {clipboardData: data, bubbles: true})
            document.activeElement.dispatchEvent(paste)
        }""",
        WORD_PASTE,
    )
    assert page.locator("#id_body").input_value() == "<p><strong>Operativo</strong> en Nogales</p>"
