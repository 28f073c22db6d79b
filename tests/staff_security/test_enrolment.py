"""Staff whose role needs a second factor are held at enrolment after their password, and
enrol an authenticator app (QR code and key shown once) or recovery codes from their
account page."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff_security.models import SignInEvent
from tests.factories import make_user
from tests.staff_security.conftest import code_for, sign_in
from tests.test_settings import manage

pytestmark = pytest.mark.django_db
ACCOUNT = "/admin/account/"


def test_an_editor_without_a_factor_reaches_only_enrolment(client, editor):
    assert sign_in(client, "editor").status_code == 302
    for url in ["/admin/", "/admin/articles/story/", "/admin/account/sessions/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(ACCOUNT)
    page = client.get(ACCOUNT)
    assert page.status_code == 200
    assert "Your role needs a second factor" in page.text
    assert client.get("/admin/account/authenticator/").status_code == 200


def test_superusers_and_moderators_are_held_too_but_contributors_are_not(client, moderator):
    boss = make_user("boss", is_staff=True, is_superuser=True)
    make_user("writer", groups=["Contributors"], is_staff=True)
    for username in ("moderator", "boss"):
        client.logout()
        sign_in(client, username)
        assert client.get("/admin/")["Location"].startswith(ACCOUNT)
    client.logout()
    sign_in(client, "writer")
    assert client.get("/admin/").status_code == 200
    assert boss.is_superuser


def test_with_the_requirement_off_no_one_is_held(client, editor, settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = False
    sign_in(client, "editor")
    assert client.get("/admin/").status_code == 200


def test_enrolling_an_authenticator_app_opens_admin_and_offers_recovery_codes(client, editor, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the right code straight after a wrong one
    sign_in(client, "editor")
    page = client.get("/admin/account/authenticator/")
    assert '<svg class="qr-code" role="img"' in page.text
    assert "style=" not in page.text.split('<svg class="qr-code"')[1].split("</svg>")[0]
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page.text).group(1)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert secret.replace(" ", "") in device.config_url

    wrong = client.post("/admin/account/authenticator/", {"code": "000000"})
    assert "did not match" in wrong.text
    response = client.post("/admin/account/authenticator/", {"code": code_for(device)})
    assert response["Location"] == "/admin/account/recovery-codes/"
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert client.get("/admin/").status_code == 200
    assert SignInEvent.objects.filter(user=editor, kind="enrolled", method="totp").exists()


def test_the_set_up_key_is_new_each_time_the_page_is_opened(client, editor):
    sign_in(client, "editor")
    first = client.get("/admin/account/authenticator/")
    second = client.get("/admin/account/authenticator/")
    key = re.compile(r'<code class="secret">([A-Z2-7 ]+)</code>')
    assert key.search(first.text).group(1) != key.search(second.text).group(1)
    assert TOTPDevice.objects.filter(user=editor).count() == 1  # the unconfirmed one is replaced


def test_recovery_codes_are_shown_once_and_replace_earlier_ones(client, editor):
    sign_in(client, "editor")
    assert client.get("/admin/account/recovery-codes/")["Location"] == ACCOUNT  # enrol first
    client.get("/admin/account/authenticator/")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    client.post("/admin/account/authenticator/", {"code": code_for(device)})

    shown = re.compile(r"<li><code>([a-z2-7]{8})</code></li>")
    first = shown.findall(client.post("/admin/account/recovery-codes/").text)
    assert len(first) == 10
    assert "<code>" not in client.get("/admin/account/recovery-codes/").text
    second = shown.findall(client.post("/admin/account/recovery-codes/").text)
    assert not set(first) & set(second)
    assert "10 codes left" in client.get(ACCOUNT).text


def test_removing_a_factor_is_recorded(client, editor, settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = False
    sign_in(client, "editor")
    client.get("/admin/account/authenticator/")
    device = TOTPDevice.objects.get(user=editor)
    client.post("/admin/account/authenticator/", {"code": code_for(device)})
    assert client.post("/admin/account/remove/totp/").status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert SignInEvent.objects.filter(user=editor, kind="factor_removed", method="totp").exists()


@pytest.mark.parametrize("debug,expected", [("true", "False"), ("false", "True")])
def test_the_requirement_is_on_unless_debugging(tmp_path, debug, expected):
    env = {"DEBUG": debug, "SECRET_KEY": "k" * 50, "VAR_DIR": str(tmp_path)}
    env["STAFF_REQUIRE_SECOND_FACTOR"] = ""  # unset: the default
    script = "from django.conf import settings; print(settings.STAFF_REQUIRE_SECOND_FACTOR)"
    result = manage("shell", "-c", script, env=env)
    assert result.stdout.strip().splitlines()[-1] == expected, result.stderr


def test_a_held_person_cannot_read_drafts_on_the_site_either(client, editor):
    from articles.models import Story
    from tests.factories import make_story

    draft = make_story("Unpublished investigation", status=Story.Status.DRAFT)
    sign_in(client, "editor")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith(ACCOUNT)
    assert client.get("/").status_code == 302  # back to enrolment first
