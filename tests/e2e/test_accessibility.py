"""axe-core finds no serious or critical problem on the main pages, at both widths, and
nothing overflows a phone's screen."""

import pytest
from django.core.management import call_command

from tests.quality.conftest import PAGES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.mark.parametrize("width", [1280, 390])
def test_main_pages_pass_axe_and_fit_the_screen(page_at, run_axe, demo, width):
    page = page_at(width=width)
    problems = {}
    for name, url in PAGES.items():
        page.goto(page.base + url)
        page.shot(name)
        violations = run_axe(page)
        overflow = page.evaluate("document.documentElement.scrollWidth") - width
        if overflow > 0:
            violations.append(f"the page is {overflow}px wider than the screen")
        if violations:
            problems[name] = violations
    assert problems == {}, "\n".join(f"{name}: {v}" for name, found in problems.items() for v in found)
