"""The reader's new boxes, pages and emails in Spanish."""

import pytest

from tests.comments.helpers import post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(settings):
    settings.LANGUAGE_CODE = "es"


def test_the_boxes_the_page_after_posting_and_the_confirmation_are_in_spanish(
    client, story, spanish, mailoutbox, django_capture_on_commit_callbacks
):
    form = client.get(story.get_absolute_url()).text
    assert "Enviarme un correo cuando alguien responda" in form
    assert "Guardar mi nombre, correo electrónico y sitio web en este navegador" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, story, notify="on")
    page = client.get(response["Location"]).text
    assert "Comentario enviado" in page and "Editar o borrar tu comentario" in page
    assert "(durante 10 minutos después de enviarlo" in page
    assert mailoutbox[0].subject == f"Confirma los avisos de respuestas: {story.headline}"
    assert "Confirma con este enlace:" in mailoutbox[0].body
    edit = page.split('class="edit-own" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert "Puedes cambiarlo o borrarlo hasta las" in client.get(edit).text
