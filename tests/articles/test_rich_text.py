"""Rich text: story bodies, round-up items, correction notices and author bios are written in
the admin's editor, and the server keeps exactly the formatting that editor offers."""

import html
import importlib
import json
import re

import pytest
from django.urls import reverse

from articles import demo_content
from articles.models import Author, Correction, Story
from newsroom import rich_text
from newsroom.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_html
from tests.articles.test_admin import ADD_URL, inline_management, story_form
from tests.factories import make_author, make_story

pytestmark = pytest.mark.django_db

WORD_PASTE = (
    "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->"
    "<style>p.MsoNormal {mso-style-parent:''; margin:0cm;}</style>"
    "<p class=MsoNormal style='margin-bottom:0cm;mso-line-height-alt:12pt'>"
    "<b style='mso-bidi-font-weight:normal'><span lang=ES-MX style='font-size:12.0pt;"
    "mso-ansi-language:ES-MX'>Operativo</span></b><span style='mso-spacerun:yes'> </span>"
    "en <i>Nogales</i><o:p></o:p></p>"
    "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='font-family:Symbol'>"
    "<span style='mso-list:Ignore'>·<span style='font:7.0pt \"Times New Roman\"'>&nbsp; </span></span></span>"
    "Cinco detenidos<o:p></o:p></p>"
)
GOOGLE_DOCS_PASTE = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-4f1c2a9e-7fff-1b2c">'
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;"><span style="font-size:11pt;'
    'font-family:Arial;font-weight:700;">Cinco detenidos</span><span style="font-size:11pt;">'
    " en la frontera</span></p></b>"
)


def saved_body(client, body):
    response = client.post(ADD_URL, story_form(body=body, tags=[]))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Story.objects.get(slug="joint-operation").body


def editor_config(page, field="body"):
    """The configuration the page gives the editor of `field`."""
    textarea = re.search(
        rf'<textarea name="{field}"[^>]*data-django-prose-editor-configurable="([^"]*)"', page
    )
    return json.loads(html.unescape(textarea[1]))


def test_story_form_offers_the_editor_with_the_sites_formatting(admin_client):
    config = editor_config(admin_client.get(ADD_URL).text)
    assert set(rich_text.BODY) - {"NoSpellCheck"} <= set(config["extensions"])
    assert config["extensions"]["Heading"] == {"levels": [2, 3, 4]}
    assert config["js_modules"] == ["/static/js/rich-text-editor.js"]
    assert config["extensions"]["Image"]["chooserUrl"] == reverse("admin:articles_libraryimage_chooser")


def test_the_editors_script_tags_carry_the_pages_csp_nonce(admin_client):
    response = admin_client.get(ADD_URL)
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)[1]
    assert "unsafe-inline" not in policy
    page = response.text
    importmap = re.search(r'<script type="importmap"([^>]*)>', page)
    assert importmap and f'nonce="{nonce}"' in importmap[1]
    for tag in re.findall(r"<script\b[^>]*>", page):
        assert f'nonce="{nonce}"' in tag, tag


def test_the_sanitiser_keeps_what_the_editor_makes_and_nothing_else():
    assert ALLOWED_TAGS == {
        "p", "br", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li", "blockquote",
        "figure", "figcaption", "img",
    }  # fmt: skip
    assert "data-image" in ALLOWED_ATTRIBUTES["img"] and "alt" in ALLOWED_ATTRIBUTES["img"]
    assert "style" not in {name for names in ALLOWED_ATTRIBUTES.values() for name in names}
    assert set(rich_text.SHORT_TEXT) < set(rich_text.BODY)


def test_formatting_from_the_toolbar_survives_a_save(admin_client):
    body = (
        "<h2>What they found</h2><p>Agents seized <strong>two tonnes</strong> of <em>precursors</em>, "
        'says the <a href="https://www.justice.gov/opa">press release</a>.<br>New line.</p>'
        "<ul><li><p>Pills</p></li></ul><ol><li><p>First</p></li></ol>"
        "<blockquote><p>The network is dismantled.</p></blockquote><h3>Next</h3><h4>Later</h4>"
    )
    assert saved_body(admin_client, body) == body


def test_word_paste_saves_as_clean_html(admin_client):
    assert saved_body(admin_client, WORD_PASTE) == (
        "<p><strong>Operativo</strong> en <em>Nogales</em></p><p>·&nbsp; Cinco detenidos</p>"
    )


def test_google_docs_wrapper_does_not_make_everything_bold(admin_client):
    assert saved_body(admin_client, GOOGLE_DOCS_PASTE) == "<p>Cinco detenidos en la frontera</p>"


def test_formatting_the_site_does_not_keep_loses_its_markup_not_its_words(admin_client):
    body = (
        "<h1>Title</h1><table><tr><td>Fentanyl pills</td></tr></table><p><u>under</u> <code>x</code></p>"
        '<p style="color:red" class="lead" lang="es">Texto</p>'
    )
    saved = saved_body(admin_client, body)
    assert re.sub(r"\s+", " ", saved) == "Title Fentanyl pills<p>under x</p><p>Texto</p>"


def test_an_empty_editor_saves_an_empty_body(admin_client):
    assert saved_body(admin_client, "<p></p>") == ""


def test_demo_stories_and_bios_open_unchanged():
    """Every tag the demo uses is one the editor shows, so its texts survive the allowlist."""
    for story in demo_content.STORIES:
        for text in [story.get("body", ""), *(item["body"] for item in story.get("items", []))]:
            assert clean_html(text) == text.strip()


def test_round_up_item_and_correction_notice_are_cleaned_on_save(admin_client):
    data = story_form(tags=[], **inline_management("corrections", 1))
    data["items-0-body"] = '<p onclick="x()">Ninety <b>countries</b> joined.</p><script>alert(1)</script>'
    data["corrections-0-kind"] = "correction"
    data["corrections-0-text"] = '<p>The date was <em>June 23</em>.<img src=x onerror="alert(1)"></p>'
    assert admin_client.post(ADD_URL, data).status_code == 302
    story = Story.objects.get(slug="joint-operation")
    assert story.items.get().body == "<p>Ninety <strong>countries</strong> joined.</p>"
    notice = Correction.objects.get(story=story).text
    assert notice.startswith("<p>The date was <em>June 23</em>.") and "onerror" not in notice


def test_correction_notice_reads_on_one_line_with_its_formatting(client):
    story = make_story()
    story.add_notice("correction", "<p>The operation began on <em>June 23</em>.</p>")
    page = client.get(story.get_absolute_url()).text
    assert re.search(r"</time>: The operation began on <em>June 23</em>.</li>", page)


def test_author_bio_is_rich_text_on_the_author_page(admin_client, client):
    author = make_author("Lucía Herrera", slug="lucia")
    response = admin_client.post(
        reverse("admin:articles_author_change", args=[author.pk]),
        {
            "name": author.name,
            "slug": author.slug,
            "bio": "<p>Covers <strong>courts</strong> &amp; trade.<script>x</script></p>",
        },
    )
    assert response.status_code == 302
    page = client.get(author.get_absolute_url()).text
    assert '<div class="lede"><p>Covers <strong>courts</strong> &amp; trade.</p></div>' in page
    assert '<meta name="description" content="Covers courts &amp; trade.">' in page


def test_the_migration_turns_plain_bios_and_notices_into_the_same_words_in_paragraphs():
    migration = importlib.import_module("articles.migrations.0008_bios_and_notices_become_rich_text")
    text = "Covers courts & trade.\nBased in <Mexico City>.\n\nSecond paragraph."
    html = migration.text_to_paragraphs(text)
    assert (
        html == "<p>Covers courts &amp; trade.<br>Based in &lt;Mexico City&gt;.</p><p>Second paragraph.</p>"
    )
    assert clean_html(html) == html
    assert migration.paragraphs_to_text(html) == text


def test_bios_saved_in_code_are_cleaned_too():
    author = Author.objects.create(
        name="A", slug="a", bio='<p onmouseover="x()">Bio</p><iframe src="//x"></iframe>'
    )
    author.refresh_from_db()
    assert author.bio == "<p>Bio</p>"


def test_the_editor_and_the_chooser_speak_spanish(admin_client, settings):
    settings.LANGUAGE_CODE = "es"
    config = editor_config(admin_client.get(ADD_URL).text)["extensions"]
    labels = config["NewsroomEditor"]["labels"]
    assert (labels["bold"], labels["italic"], labels["heading"]) == ("Negrita", "Cursiva", "Título %(level)s")
    assert config["NewsroomEditor"]["toolbarLabel"] == "Formato"
    assert config["Image"]["label"] == "Insertar una imagen de la biblioteca"
    chooser = admin_client.get(reverse("admin:articles_libraryimage_chooser")).text
    assert "Elegir de la biblioteca" in chooser and "Subir una imagen nueva" in chooser


def test_plain_text_bios_and_notices_become_paragraphs(client):
    """The demo loader and `Story.add_notice` pass plain text; it is kept as the editor holds it."""
    author = Author.objects.create(name="A", slug="a", bio="Covers courts & trade.\n\nBased in Mexico.")
    assert author.bio == "<p>Covers courts &amp; trade.</p><p>Based in Mexico.</p>"
    story = make_story()
    notice = story.add_notice("correction", "The date was June 23, not 24.")
    assert notice.text == "<p>The date was June 23, not 24.</p>"
    assert "</time>: The date was June 23, not 24.</li>" in client.get(story.get_absolute_url()).text


def test_a_plain_text_notice_keeps_its_apostrophes_as_the_editor_writes_them():
    notice = make_story().add_notice("update", "Mexico's Congress & the Senate agreed.")
    assert notice.text == "<p>Mexico's Congress &amp; the Senate agreed.</p>"
