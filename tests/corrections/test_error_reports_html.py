"""The Nu HTML Checker reports no error on the report form (blank and with errors), the
thank-you page and a refusal; the form reads in Spanish on a Spanish site."""

import pytest
from django.urls import reverse

from articles.models import RoundupItem
from tests.corrections.report_helpers import post_report
from tests.factories import make_story
from tests.quality.checker import MISSING, html_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(settings):
    settings.COMMENT_TOKEN_MIN_AGE = 2
    story = make_story("Fentanyl network dismantled", slug="fentanyl-network")
    RoundupItem.objects.create(story=story, headline="A seizure in Nogales", body="<p>Pills.</p>")
    return story


@pytest.mark.skipif(MISSING is not None, reason=MISSING or "")
def test_the_report_pages_have_no_html_errors(client, story, tmp_path):
    pages = {
        "form": client.get(reverse("reports:form", args=[story.slug])),
        "form-errors": post_report(client, story, what_is_wrong="", email="nope"),
        "refused": post_report(client, story, subject="robot"),
        "thanks": client.get(reverse("reports:thanks", args=[story.slug])),
    }
    assert html_errors({name: response.content for name, response in pages.items()}, tmp_path) == []


def test_the_report_form_and_link_read_in_spanish(client, story, settings):
    settings.LANGUAGE_CODE = "es"
    assert "Informar de un error" in client.get(story.get_absolute_url()).text
    page = client.get(reverse("reports:form", args=[story.slug])).text
    assert "¿Qué está mal?" in page and "El artículo en general" in page and "Enviar el informe" in page
