"""Staff sign-in in Chromium: an editor enrols a passkey (the DevTools protocol's virtual
authenticator) and signs in with it alone; a moderator enrols an authenticator app, signs
in with a code computed here and cannot use it twice; someone not enrolled is held at
enrolment; a recovery code works once; a session ended from the sessions page is signed
out; the sign-in record shows each event."""

import re
import time

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff_security.models import SignInEvent
from tests.factories import make_user
from tests.staff_security.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def required(settings, live_server):
    settings.STAFF_REQUIRE_SECOND_FACTOR = True
    # django-otp makes a second try wait a second after a wrong code; a test types faster.
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]


def with_virtual_authenticator(page):
    """A platform authenticator that holds passkeys and verifies the user at once."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True,
    }})  # fmt: skip

    def touch(enabled):
        """Whether the authenticator answers at once, as a person touching it would."""
        cdp.send("WebAuthn.setAutomaticPresenceSimulation", {
            "authenticatorId": added["authenticatorId"], "enabled": enabled})  # fmt: skip

    return touch


def csp_violations(page):
    """Console messages about the Content Security Policy, collected as the page runs."""
    seen = []
    page.on(
        "console",
        lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return seen


def password_step(page, username):
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form input[type=submit]")


def log_out(page):
    page.click("#logout-form button")
    page.wait_for_url(re.compile(r"/admin/logout/$"))


def test_an_editor_enrols_a_passkey_and_signs_in_with_it(page_at, run_axe):
    make_user("editor", groups=["Editors"], is_staff=True)
    page = page_at()
    touch = with_virtual_authenticator(page)
    violations = csp_violations(page)
    password_step(page, "editor")
    page.wait_for_url(re.compile(r"/admin/account/\?next="))
    assert "Your role needs a second factor" in page.inner_text("#content")
    page.goto(page.base + "/admin/articles/story/")  # held: nothing else opens
    assert "/admin/account/" in page.url
    page.shot("held-at-enrolment")

    assert run_axe(page) == []
    page.click("#passkey-register-button")
    page.wait_for_selector(".factor-list li")
    page.shot("passkey-enrolled")
    page.goto(page.base + "/admin/")
    assert page.url.endswith("/admin/")
    log_out(page)

    # The browser offers the passkey in the username field's autofill: no username, no password.
    page.goto(page.base + "/admin/login/")
    page.wait_for_url(re.compile(r"/admin/$"))
    page.shot("signed-in-with-passkey-alone")
    log_out(page)

    # As the second step after the password.
    touch(False)
    password_step(page, "editor")
    page.wait_for_url(re.compile(r"/admin/account/verify/"))
    page.shot("verify-step")
    assert run_axe(page) == []
    touch(True)
    page.click("#passkey-verification-button")
    page.wait_for_url(re.compile(r"/admin/$"))
    events = list(SignInEvent.objects.order_by("pk").values_list("kind", "method"))
    assert events == [
        ("signed_in", "password"),
        ("enrolled", "passkey"),
        ("signed_in", "passkey"),
        ("signed_in", "passkey"),
    ]
    assert violations == []


def code_from_key(key_text, steps_ahead=0):
    """What an authenticator app given this key shows (now, or some 30-second steps on)."""
    from base64 import b32decode

    from django_otp.oath import totp

    key = b32decode(key_text.replace(" ", ""))
    return f"{totp(key, drift=steps_ahead):06d}"


def second_step(page, code):
    page.fill("#id_code", code)
    page.click(".verify input[type=submit]")


def test_a_moderator_enrols_an_app_signs_in_with_a_code_once_and_a_recovery_code_once(page_at, run_axe):
    make_user("moderator", groups=["Moderators"], is_staff=True)
    page = page_at()
    violations = csp_violations(page)
    password_step(page, "moderator")
    page.wait_for_url(re.compile(r"/admin/account/"))
    page.click("text=Set up an authenticator app")
    key = page.inner_text("code.secret")
    page.shot("authenticator-set-up")
    assert run_axe(page) == []
    page.fill("#id_code", code_from_key(key))
    page.click("input[type=submit].default")
    page.wait_for_url(re.compile(r"/admin/account/recovery-codes/"))
    page.click("input[type=submit].default")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.shot("recovery-codes")
    log_out(page)

    password_step(page, "moderator")
    page.wait_for_url(re.compile(r"/admin/account/verify/"))
    code = code_from_key(key, steps_ahead=1)  # the enrolment used the current step's code
    second_step(page, code)
    page.wait_for_url(re.compile(r"/admin/$"))
    log_out(page)

    password_step(page, "moderator")
    second_step(page, code)  # the same code again
    assert "That did not work" in page.inner_text(".errornote")
    assert "/admin/account/verify/" in page.url
    page.shot("code-refused")
    second_step(page, codes[0])
    page.wait_for_url(re.compile(r"/admin/$"))
    log_out(page)

    password_step(page, "moderator")
    second_step(page, codes[0])  # a recovery code works once
    assert "That did not work" in page.inner_text(".errornote")
    second_step(page, codes[1])
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(page.base + "/admin/staff_security/signinevent/")
    record = page.inner_text("#result_list")
    page.shot("sign-in-record")
    for shown in ["Signed in", "Sign-in failed", "Second factor added", "Recovery code used"]:
        assert shown in record
    assert record.count("Recovery code used") == 2
    assert TOTPDevice.objects.get().confirmed
    assert violations == []


def test_ending_a_session_from_the_sessions_page_signs_that_browser_out(page_at, run_axe):
    make_user("writer", groups=["Contributors"], is_staff=True)
    desk, laptop = page_at(), page_at()
    laptop.set_extra_http_headers({"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"})
    for page in (desk, laptop):
        password_step(page, "writer")
        page.wait_for_url(re.compile(r"/admin/$"))
    desk.goto(desk.base + "/admin/account/sessions/")
    rows = desk.locator("table.sessions tbody tr")
    assert rows.count() == 2
    assert "Firefox on Linux" in desk.inner_text("table.sessions")
    desk.shot("sessions")
    assert run_axe(desk) == []
    desk.locator("tr:has-text('Firefox on Linux') button").click()
    desk.wait_for_selector(".messagelist .success")
    assert rows.count() == 1

    laptop.goto(laptop.base + "/admin/")
    assert "/admin/login/" in laptop.url
    desk.goto(desk.base + "/admin/")
    assert desk.url.endswith("/admin/")


def test_a_password_login_stays_signed_in_while_the_passkey_autofill_request_is_slow(
    page_at, settings, monkeypatch
):
    """The login page's passkey autofill asks for a challenge as it loads, and its answer
    sets the session cookie. An answer arriving after the password login's (here: while the
    page after the login loads) must not replace the signed-in session with its own."""
    from django_otp_webauthn.views import BeginCredentialAuthenticationView

    from staff_security import sessions

    settings.STAFF_REQUIRE_SECOND_FACTOR = False
    make_user("quick", is_staff=True, is_superuser=True)
    answer, note_use = BeginCredentialAuthenticationView.post, sessions.touch

    def slow_answer(self, *args, **kwargs):
        time.sleep(1)
        return answer(self, *args, **kwargs)

    def slow_first_page(request):
        if request.path == "/admin/":
            time.sleep(2)
        return note_use(request)

    monkeypatch.setattr(BeginCredentialAuthenticationView, "post", slow_answer)
    monkeypatch.setattr(sessions, "touch", slow_first_page)
    page = page_at(width=1280)
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", "quick")
    page.fill("#id_password", PASSWORD)
    page.click("#login-form input[type=submit]")  # the challenge is still on its way
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(page.base + "/admin/articles/story/")
    assert "/admin/login/" not in page.url
    assert page.locator("#changelist").count() == 1
