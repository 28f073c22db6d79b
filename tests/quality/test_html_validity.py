"""The Nu HTML Checker reports no error on the pages readers use."""

import json
import shutil
import subprocess

import pytest

from tests.quality.conftest import PAGES, TOOLS

VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not VNU.exists() or not shutil.which("java"),
        reason="the HTML checker needs Java and `npm ci --prefix tools`",
    ),
]


def test_public_pages_have_no_html_errors(client, demo_newsroom, figure_story, tmp_path):
    files = []
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == []
