"""Failed admin logins are slowed down, then locked out; a success clears the count."""

import pytest

from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor():
    return make_user("editor", is_staff=True)


def attempt(client, username="editor", password="wrong-password", ip="203.0.113.9"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_after_the_free_attempts_the_next_one_must_wait(client, editor, settings):
    for _ in range(settings.LOGIN_SLOWDOWN_AFTER):
        assert attempt(client).status_code == 200
    response = attempt(client, password="a-long-test-password")
    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert int(response["Retry-After"]) >= 1
    assert "_auth_user_id" not in client.session  # even the right password waits


def test_lockout_applies_to_the_username_from_any_address(client, editor, settings):
    settings.LOGIN_SLOWDOWN_AFTER = 100
    settings.LOGIN_LOCKOUT_AFTER = 3
    for n in range(3):
        attempt(client, ip=f"198.51.100.{n}")
    response = attempt(client, password="a-long-test-password", ip="192.0.2.77")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 800


def test_a_successful_login_clears_the_failures(client, editor, settings):
    settings.LOGIN_SLOWDOWN_AFTER = 2
    attempt(client)
    response = attempt(client, password="a-long-test-password")
    assert response.status_code == 302
    client.logout()
    assert attempt(client).status_code == 200  # counting starts again
    assert attempt(client).status_code == 200


def test_short_and_common_passwords_are_refused(admin_client):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {
            "username": "newbie",
            "password1": "password123",
            "password2": "password123",
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    assert "too short" in response.text or "too common" in response.text
