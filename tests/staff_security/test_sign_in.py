"""The second step after the password: an authenticator code (never twice), a recovery
code (once), the lockout counting wrong codes, and refusals that name nothing."""

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice

from staff_security.models import SignInEvent, StaffSession
from tests.staff_security.conftest import code_for, enrolled_totp, sign_in

pytestmark = pytest.mark.django_db
VERIFY = "/admin/account/verify/"


@pytest.fixture
def moderator_app(moderator):
    return enrolled_totp(moderator)


def recovery_codes(user, *codes):
    device = StaticDevice.objects.create(user=user, name="codes", confirmed=True)
    for code in codes:
        device.token_set.create(token=code)
    return device


def test_after_the_password_an_enrolled_person_reaches_only_the_code_page(client, moderator, moderator_app):
    assert sign_in(client, "moderator").status_code == 302
    response = client.get("/admin/comments/comment/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fcomments%2Fcomment%2F"
    assert client.get("/admin/account/").status_code == 302
    assert client.get(VERIFY).status_code == 200


def test_a_code_signs_in_and_cannot_be_used_again(moderator, moderator_app):
    code = code_for(moderator_app)
    first = Client()
    sign_in(first, "moderator")
    response = first.post(VERIFY, {"code": code, "next": "/admin/comments/comment/"})
    assert response["Location"] == "/admin/comments/comment/"
    assert first.get("/admin/comments/comment/").status_code == 200

    second = Client()
    sign_in(second, "moderator")
    refused = second.post(VERIFY, {"code": code})
    assert refused.status_code == 200
    assert "That did not work" in refused.text
    assert second.get("/admin/")["Location"].startswith(VERIFY)
    kinds = list(SignInEvent.objects.filter(user=moderator).values_list("kind", "method").order_by("pk"))
    assert kinds == [("signed_in", "totp"), ("failed", "code")]


def test_the_second_step_gives_the_session_a_new_key(client, moderator, moderator_app):
    sign_in(client, "moderator")
    before = client.cookies["sessionid"].value
    client.post(VERIFY, {"code": code_for(moderator_app)})
    after = client.cookies["sessionid"].value
    assert after != before
    assert client.get("/admin/").status_code == 200
    assert StaffSession.objects.get().session_key == after


def test_a_recovery_code_works_once_and_is_recorded(moderator, moderator_app):
    recovery_codes(moderator, "abcd2345", "efgh6789")
    first = Client()
    sign_in(first, "moderator")
    assert first.post(VERIFY, {"code": "ABCD 2345"})["Location"] == "/admin/"
    assert first.get("/admin/").status_code == 200
    again = Client()
    sign_in(again, "moderator")
    assert "That did not work" in again.post(VERIFY, {"code": "abcd2345"}).text
    used = SignInEvent.objects.get(user=moderator, kind="recovery_code_used")
    assert used.detail == "1 left"


def test_wrong_codes_of_either_kind_get_the_same_answer(client, moderator, moderator_app, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    recovery_codes(moderator, "abcd2345")
    sign_in(client, "moderator")
    answers = [client.post(VERIFY, {"code": code}) for code in ("123456", "zzzz9999", "<b>x</b>")]
    bodies = {re.sub(r'(value|nonce)="[^"]*"', "", a.text) for a in answers}
    assert len(bodies) == 1
    assert {a.status_code for a in answers} == {200}


def test_wrong_codes_count_towards_the_lockout(client, moderator, moderator_app, settings):
    settings.LOGIN_SLOWDOWN_AFTER = 100
    settings.LOGIN_LOCKOUT_AFTER = 3
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    sign_in(client, "moderator")
    for code in ("111111", "222222", "333333"):
        client.post(VERIFY, {"code": code})
    response = client.post(VERIFY, {"code": code_for(moderator_app)})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 800
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    assert SignInEvent.objects.filter(user=moderator, kind="locked_out").exists()
    # The right password from elsewhere does not clear the count: it is the same username.
    other = Client()
    assert sign_in(other, "moderator", REMOTE_ADDR="192.0.2.50").status_code == 429


def test_the_password_keeps_the_failures_while_a_step_remains(client, moderator, moderator_app, settings):
    settings.LOGIN_SLOWDOWN_AFTER = 100
    settings.LOGIN_LOCKOUT_AFTER = 4
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    for code in ("111111", "222222"):
        sign_in(client, "moderator")
        client.post(VERIFY, {"code": code})
        client.logout()
    sign_in(client, "moderator", password="wrong-password")
    sign_in(client, "moderator")  # three failures so far; the right password keeps them
    client.post(VERIFY, {"code": "444444"})
    assert client.post(VERIFY, {"code": code_for(moderator_app)}).status_code == 429


def test_unknown_account_and_wrong_password_get_the_same_answer(client, moderator):
    unknown = sign_in(client, "nobody-here")
    wrong = sign_in(client, "moderator", password="wrong-password-123")
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.text.count("errornote") == wrong.text.count("errornote")
    failed = SignInEvent.objects.filter(kind="failed", method="password")
    assert sorted(failed.values_list("username", flat=True)) == ["moderator", "nobody-here"]
    assert failed.get(username="moderator").user == moderator


def test_a_sign_in_from_a_new_device_emails_the_owner(moderator, moderator_app, mailoutbox, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    laptop = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
    sign_in(laptop, "moderator")
    laptop.post(VERIFY, {"code": code_for(moderator_app)})
    assert mailoutbox == []  # the first sign-in of an account
    phone = Client(HTTP_USER_AGENT="Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1")
    sign_in(phone, "moderator")
    phone.post(VERIFY, {"code": code_for(moderator_app, steps_ahead=1)})
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["mod@example.org"]
    assert "Safari on iPhone" in mailoutbox[0].body
    settings.STAFF_NEW_DEVICE_EMAIL = False
    tablet = Client(HTTP_USER_AGENT="Mozilla/5.0 (iPad; CPU OS 18_0) Safari/604.1")
    sign_in(tablet, "moderator")
    assert len(mailoutbox) == 1
