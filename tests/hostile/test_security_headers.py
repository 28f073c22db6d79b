"""Every response carries the headers that stop framing, sniffing and inline script."""

import pytest

from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_story("A story")


@pytest.mark.parametrize("url", ["/", "story", "/search/?q=a", "/no-such-page/", "/admin/login/"])
def test_security_headers_on_public_and_admin_pages(client, story, url):
    response = client.get(story.get_absolute_url() if url == "story" else url)
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_pages_have_no_inline_script_or_style(client, story):
    html = client.get(story.get_absolute_url()).text
    assert "<style" not in html and " style=" not in html
    scripts = [chunk.split(">", 1)[0] for chunk in html.split("<script")[1:]]
    assert all('type="application/ld+json"' in tag or "src=" in tag for tag in scripts), scripts


def test_session_and_csrf_cookies_are_http_only_and_same_site(client):
    from tests.factories import make_user

    make_user("editor", is_staff=True)
    form = client.get("/admin/login/")
    csrf = form.cookies["csrftoken"]
    login = client.post(
        "/admin/login/",
        {
            "username": "editor",
            "password": "a-long-test-password",
            "csrfmiddlewaretoken": form.context["csrf_token"],
        },
    )
    session = login.cookies["sessionid"]
    for cookie in (csrf, session):
        assert cookie["httponly"] is True
        assert cookie["samesite"] in ("Lax", "Strict")
