"""The Nu HTML Checker, run once over many pages (one JVM start is 1.5-2 s)."""

import json
import shutil
import subprocess

from tests.quality.conftest import TOOLS

VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
MISSING = (
    None
    if VNU.exists() and shutil.which("java")
    else "the HTML checker needs Java and `npm ci --prefix tools`"
)


def html_errors(pages, folder):
    """The checker's errors in `pages` ({name: HTML bytes}), as "name.html:line: message"."""
    files = []
    for name, content in pages.items():
        path = folder / f"{name}.html"
        path.write_bytes(content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stdout)["messages"]
        if m["type"] in ("error", "non-document-error")
    ]
