"""axe-core finds no serious or critical problem on the main pages, at both widths, and
nothing overflows a phone's screen."""

import pytest

from tests.quality.conftest import PAGES, figure_story  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.usefixtures("figure_story")
def test_main_pages_pass_axe_and_fit_the_screen(page_at, run_axe, demo_newsroom, width):
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
