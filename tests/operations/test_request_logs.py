"""One JSON line per request and per error, with the request id; nothing personal in them."""

import io
import json
import logging

import pytest
from django.urls import reverse

from newsroom.logs import JsonFormatter, RequestIdFilter
from tests.comments.helpers import form_data
from tests.factories import make_story, make_user

pytestmark = pytest.mark.django_db

EMAIL, NAME, ADDRESS, COOKIE = (
    "ana.identifiable@example.net",
    "Ana Identifiable",
    "203.0.113.77",
    "c00kie-value",
)


@pytest.fixture
def log_lines(settings):
    """What the console handler writes, as parsed lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger(), logging.getLogger("django")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()], stream
    for logger in loggers:
        logger.removeHandler(handler)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "newsroom.requests"]


def test_each_request_is_one_json_line_with_method_path_status_duration_and_id(client, log_lines):
    read, _ = log_lines
    response = client.get("/robots.txt?secret=query")
    [line] = request_lines(read())
    assert line["level"] == "INFO" and line["time"]
    assert (line["method"], line["path"], line["status"]) == ("GET", "/robots.txt", 200)
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"] == response["X-Request-ID"] and len(line["request_id"]) == 32


def test_a_well_formed_request_id_from_nginx_is_kept_and_a_bad_one_replaced(client, log_lines):
    read, _ = log_lines
    given = "0123456789abcdef0123456789abcdef"
    assert client.get("/robots.txt", headers={"X-Request-ID": given})["X-Request-ID"] == given
    replaced = client.get("/robots.txt", headers={"X-Request-ID": "bad id\nwith a new line"})["X-Request-ID"]
    assert replaced != "bad id\nwith a new line" and len(replaced) == 32
    assert [line["request_id"] for line in request_lines(read())] == [given, replaced]


def test_health_probes_are_logged_only_when_they_fail(client, log_lines, settings):
    read, _ = log_lines
    assert client.get("/healthz").status_code == 200 and client.get("/readyz").status_code == 200
    assert request_lines(read()) == []
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    assert client.get("/readyz").status_code == 503
    assert [(line["path"], line["status"]) for line in request_lines(read())] == [("/readyz", 503)]


def test_lines_logged_during_a_request_carry_its_id(client, log_lines):
    read, _ = log_lines
    response = client.get("/no-such-page/")
    lines = read()
    not_found = [line for line in lines if line["logger"] == "django.request"]
    assert not_found and not_found[0]["request_id"] == response["X-Request-ID"]
    assert not_found[0]["level"] == "WARNING"


def test_a_comment_post_and_an_admin_login_log_no_email_address_or_cookie(client, log_lines, settings):
    read, stream = log_lines
    settings.TRUSTED_PROXY_COUNT = 1
    story = make_story("Border operation")
    make_user("editor", is_staff=True, email="editor.identifiable@example.org")
    client.cookies["tracking"] = COOKIE
    headers = {"X-Forwarded-For": ADDRESS, "User-Agent": "Identifiable-Agent/1.0"}
    posted = client.post(
        reverse("comments:post", args=[story.pk]),
        form_data(story, name=NAME, email=EMAIL, text="Buy at spam.example.com now, call me"),
        headers=headers,
        REMOTE_ADDR=ADDRESS,
    )
    assert posted.status_code in (302, 429)
    client.post(
        "/admin/login/",
        {"username": "editor.identifiable@example.org", "password": "wrong"},
        headers=headers,
        REMOTE_ADDR=ADDRESS,
    )
    client.post(
        "/admin/login/", {"username": "editor", "password": "wrong"}, headers=headers, REMOTE_ADDR=ADDRESS
    )
    text = stream.getvalue()
    assert len(request_lines(read())) == 3
    for private in (EMAIL, "editor.identifiable@example.org", ADDRESS, COOKIE, "Identifiable-Agent"):
        assert private not in text


def test_a_server_error_is_logged_as_json_with_its_traceback_and_mailed_to_admins(
    client, log_lines, settings, mailoutbox, monkeypatch
):
    read, _ = log_lines
    settings.ADMINS = ["ops@example.org"]
    client.raise_request_exception = False
    from articles import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom for ana.identifiable@example.net")

    monkeypatch.setattr(views.Story.objects, "published", broken)
    response = client.get("/", REMOTE_ADDR=ADDRESS)
    assert response.status_code == 500
    [error] = [line for line in read() if line["level"] == "ERROR"]
    assert error["request_id"] == response["X-Request-ID"]
    assert "RuntimeError" in error["exc_info"] and EMAIL not in error["exc_info"]
    assert [message.to for message in mailoutbox] == [["ops@example.org"]]


def test_the_error_email_to_admins_holds_no_readers_email_address_or_cookie(
    client, settings, mailoutbox, monkeypatch
):
    settings.ADMINS = ["ops@example.org"]
    client.raise_request_exception = False
    story = make_story("Border operation")
    from comments import views

    def broken(*args, **kwargs):
        raise RuntimeError("the comment could not be stored")

    monkeypatch.setattr(views.moderation, "add", broken)
    client.cookies["tracking"] = COOKIE
    response = client.post(
        reverse("comments:post", args=[story.pk]),
        form_data(story, name=NAME, email=EMAIL),
        headers={"X-Forwarded-For": ADDRESS},
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 500
    [message] = mailoutbox
    body = message.body + "".join(str(alternative[0]) for alternative in message.alternatives)
    assert "RuntimeError" in body and "email" in body  # the field's name, not its value
    for private in (EMAIL, NAME, ADDRESS, COOKIE):
        assert private not in body
