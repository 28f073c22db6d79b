"""The Spanish interface: LANGUAGE_CODE = "es" turns the public pages, the comment form,
the admin header and the moderators' email into Spanish, and the catalogue is complete."""

import ast
import gettext
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from articles.models import Source
from tests.comments.helpers import make_comment, post_comment
from tests.factories import make_author, make_category, make_story

CATALOGUE = Path(django_settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")


@pytest.fixture
def spanish(settings):
    settings.LANGUAGE_CODE = "es"
    return settings


@pytest.fixture
def story(db):
    """A public story with open comments, one approved comment, a cited source and a notice."""
    story = make_story(
        "Operativo binacional en Nogales",
        published_at=datetime(2024, 3, 5, 18, 0, tzinfo=UTC),
        category=make_category("Seguridad", slug="seguridad"),
        authors=[make_author("Lucía Herrera"), make_author("Daniel Ortiz")],
        tags=["fentanilo"],
    )
    Source.objects.create(
        story=story, position=0, title="Justice Department press release", outlet="U.S. DOJ", language="en"
    )
    story.add_notice("correction", "La operación comenzó el 23 de junio.")
    make_comment(story, name="Ana Lectora", text="Un comentario aprobado.")
    return story


def html_lang(page):
    return re.search(r'<html lang="([^"]+)"', page).group(1)


@pytest.mark.django_db
def test_front_page_is_in_spanish(client, spanish, story):
    page = client.get("/").text
    assert html_lang(page) == "es"
    assert "Saltar al contenido" in page
    assert 'placeholder="Buscar artículos"' in page and ">Buscar</button>" in page
    assert "Lo más reciente" in page or "Artículo principal" in page
    assert "1 comentario" in page
    assert "Archivo" in page
    if not os.environ.get("SITE_DESCRIPTION"):
        assert "Reportajes y análisis sobre seguridad, política y economía." in page
    assert "Skip to content" not in page


@pytest.mark.django_db
def test_story_page_is_in_spanish(client, spanish, story):
    page = client.get(story.get_absolute_url()).text
    assert html_lang(page) == "es"
    assert "Saltar al contenido" in page
    assert "Por" in page and "Lucía Herrera</a> y <a" in page
    assert "Publicado" in page and "5 de marzo de 2024" in page
    assert "Correcciones y actualizaciones" in page and "<strong>Corrección</strong>" in page
    assert '<h2 id="sources-heading">Fuentes</h2>' in page
    assert "Etiquetas" in page  # the tags' aria-label
    assert "1 comentario" in page and "Responder" in page
    assert "Deja un comentario" in page
    assert (
        "Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *"
        in page
    )
    assert '<label for="cf-name">Nombre' in page and "Correo electrónico" in page
    answered = story.comments.filter(status="approved").first()
    replying = client.get(f"{story.get_absolute_url()}?reply_to={answered.pk}").text
    assert "Respondiendo a" in replying and "Cancelar respuesta" in replying
    assert "Publicar comentario" in page
    assert "Feed de comentarios (RSS)" in page
    for english in (
        "Skip to content",
        "Leave a comment",
        "Sources",
        "Corrections and updates",
        "Post comment",
    ):
        assert english not in page


@pytest.mark.django_db
def test_related_stories_and_notices_after_posting_are_in_spanish(client, spanish, story):
    make_story("Otro artículo sobre Nogales", category=story.primary_category, tags=["fentanilo"])
    page = client.get(story.get_absolute_url() + "?comment=received").text
    assert "Artículos relacionados" in page
    assert "Gracias. Tu comentario está pendiente de moderación." in page


@pytest.mark.django_db
def test_search_without_results_is_in_spanish(client, spanish):
    page = client.get("/search/?q=zzyzx").text
    assert html_lang(page) == "es"
    assert "<h1>Buscar</h1>" in page
    assert "0 artículos coinciden con “zzyzx”." in page
    assert "Ningún artículo coincide con tu búsqueda. Prueba con menos palabras o con otras." in page
    assert "Búsqueda: zzyzx" in page  # the title


@pytest.mark.django_db
def test_404_page_is_in_spanish(client, spanish):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.text
    assert html_lang(page) == "es"
    assert "Página no encontrada" in page and "No encontramos esa página" in page
    assert "Busca entre los artículos" in page and "Ir a la portada" in page


@pytest.mark.django_db
def test_comment_form_errors_are_in_spanish(client, spanish, story):
    response = post_comment(client, story, name="", email="not-an-email", text="Conserva este texto.")
    assert response.status_code == 400
    page = response.text
    assert html_lang(page) == "es"
    assert "<h1>Revisa tu comentario</h1>" in page
    assert "todavía no se ha enviado. Todo lo que escribiste se conserva abajo." in page
    assert "Corrige lo siguiente:" in page
    assert "Este campo es obligatorio." in page  # Django's own catalogue
    assert "Conserva este texto." in page
    assert "Tu dirección de correo electrónico no será publicada." in page


@pytest.mark.django_db
def test_refusal_page_is_in_spanish(client, spanish, story):
    response = post_comment(client, story, token="tampered")
    assert response.status_code == 400
    page = response.text
    assert "Comentario no enviado" in page
    assert "El token de seguridad del formulario no es válido." in page
    assert f"Volver a “{story.headline}”" in page


@pytest.mark.django_db
def test_moderators_email_is_in_spanish(
    client, spanish, story, mailoutbox, django_capture_on_commit_callbacks
):
    spanish.COMMENTS_NOTIFY_EMAILS = ["mod@newsroom.example"]
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, story, name="Ana Lectora", email="ana@example.net", text="Vale la pena.")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == f"[{spanish.SITE_NAME}] Un comentario espera moderación: {story.headline}"
    assert f"Ana Lectora comentó en “{story.headline}”." in mail.body
    assert "Apruébalo, márcalo como spam o quítalo:" in mail.body


@pytest.mark.django_db
def test_admin_login_is_in_spanish(client, spanish):
    page = client.get("/admin/login/").text
    assert html_lang(page) == "es"
    assert f"Administración de {spanish.SITE_NAME}" in page


@pytest.mark.django_db
def test_with_the_default_language_the_story_page_is_in_english(client, settings, story):
    assert settings.LANGUAGE_CODE == "en"
    page = client.get(story.get_absolute_url()).text
    assert html_lang(page) == "en"
    assert "Skip to content" in page and ">Search</button>" in page
    assert "Corrections and updates" in page and '<h2 id="sources-heading">Sources</h2>' in page
    assert "Your email address will not be published. Required fields are marked *" in page
    assert "Saltar al contenido" not in page and "Fuentes" not in page


@pytest.mark.django_db
def test_the_page_cache_keeps_each_language_apart(client, settings, story):
    english = client.get(story.get_absolute_url()).text
    settings.LANGUAGE_CODE = "es"
    spanish = client.get(story.get_absolute_url()).text
    settings.LANGUAGE_CODE = "en"
    again = client.get(story.get_absolute_url()).text
    assert "Skip to content" in english and "Skip to content" in again
    assert "Saltar al contenido" in spanish


# The catalogue itself.


def read_po(path):
    """The .po file's entries as dicts of msgid, msgid_plural, msgstr[...] and flags."""
    entries, entry, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry if entry is not None else {"flags": set(), "strings": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry["strings"][key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry["strings"][key] = ast.literal_eval(value)
    return entries


@pytest.fixture(scope="module")
def po_entries():
    entries = read_po(CATALOGUE / "django.po")
    assert entries[0]["strings"]["msgid"] == ""
    return entries


def test_catalogue_header(po_entries):
    header = po_entries[0]["strings"]["msgstr"]
    assert "Language: es\n" in header
    assert "Content-Type: text/plain; charset=UTF-8\n" in header
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header
    assert "Project-Id-Version: Newsroom\n" in header
    assert "fuzzy" not in po_entries[0]["flags"]


def test_every_entry_is_translated_and_none_is_fuzzy(po_entries):
    messages = po_entries[1:]
    assert len(messages) > 200
    for entry in messages:
        strings = entry["strings"]
        assert "fuzzy" not in entry["flags"], strings["msgid"]
        translations = [v for k, v in strings.items() if k.startswith("msgstr")]
        assert translations and all(translations), f"untranslated: {strings['msgid']!r}"
        if "msgid_plural" in strings:
            assert set(strings) >= {"msgstr[0]", "msgstr[1]"}, strings["msgid"]


def test_translations_keep_every_placeholder(po_entries):
    for entry in po_entries[1:]:
        strings = entry["strings"]
        wanted = sorted(PLACEHOLDER.findall(strings.get("msgid_plural", strings["msgid"])))
        for key, value in strings.items():
            if key.startswith("msgstr"):
                assert sorted(PLACEHOLDER.findall(value)) == wanted or (
                    key == "msgstr[0]" and set(PLACEHOLDER.findall(value)) <= set(wanted)
                ), f"{strings['msgid']!r} -> {value!r}"


def test_the_compiled_catalogue_matches_the_po_file(po_entries):
    with open(CATALOGUE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in po_entries[1:]:
        strings = entry["strings"]
        if "msgid_plural" in strings:
            for n, key in ((1, "msgstr[0]"), (2, "msgstr[1]")):
                assert compiled.ngettext(strings["msgid"], strings["msgid_plural"], n) == strings[key]
        else:
            assert compiled.gettext(strings["msgid"]) == strings["msgstr"], "run compilemessages"
