"""The Nu HTML Checker reports no error on the pages readers use."""

import pytest

from tests.quality.checker import MISSING, html_errors
from tests.quality.conftest import PAGES

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(MISSING is not None, reason=MISSING or "")]


def test_public_pages_have_no_html_errors(client, demo_newsroom, figure_story, tmp_path):
    pages = {}
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        pages[name] = response.content
    assert html_errors(pages, tmp_path) == []
