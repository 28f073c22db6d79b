"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

They are skipped, with a reason, when Chromium or Playwright is missing; `.ci/run`
installs Chromium and fails if they were skipped.
"""

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the lock file installs it
    sync_playwright = None

MISSING = (
    "Playwright is not installed"
    if sync_playwright is None
    else f"Chromium is not at {CHROMIUM} (apt-get install chromium)"
    if not shutil.which(CHROMIUM)
    else None
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if MISSING:
                item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {MISSING}"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the
    # test thread are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    """One folder per test run, named by its start time, for every step's screenshot."""
    folder = ROOT / "test-artifacts" / datetime.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page_at(browser, live_server, screenshot_dir, request):
    """Open pages in a fresh context of the given width; screenshots go to screenshot_dir."""
    contexts = []

    def open_page(width=1280, height=900):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base = live_server.url
        page.shot = lambda name: page.screenshot(
            path=str(screenshot_dir / f"{request.node.name}-{name}-{width}.png"), full_page=True
        )
        return page

    yield open_page
    for context in contexts:
        if getattr(request.node, "call_failed", False):
            for n, page in enumerate(context.pages):
                page.screenshot(
                    path=str(screenshot_dir / f"{request.node.name}-FAILED-{n}.png"), full_page=True
                )
        context.close()


@pytest.fixture
def run_axe():
    source = AXE.read_text() if AXE.exists() else None

    def check(page):
        if source is None:
            pytest.fail("axe-core is missing: run `npm ci --prefix tools`")
        page.evaluate(source)
        result = page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice']}})"""
        )
        return [
            f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return check
