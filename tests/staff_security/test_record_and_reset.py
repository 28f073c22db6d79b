"""The sign-in record is append-only in admin: superusers see every event, other staff
their own. A superuser (or `manage.py reset_factors`) resets a person's factors: their
sessions end, the reset is recorded, and they enrol again at their next sign-in."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff_security.models import SignInEvent
from tests.factories import make_user
from tests.staff_security.conftest import code_for, enrolled_totp, sign_in

pytestmark = pytest.mark.django_db
RECORD = "/admin/staff_security/signinevent/"


@pytest.fixture
def boss(db):
    return make_user("boss", is_staff=True, is_superuser=True)


def fully_signed_in(username, device):
    client = Client()
    sign_in(client, username)
    client.post("/admin/account/verify/", {"code": code_for(device)})
    return client


def test_staff_see_their_own_events_and_superusers_see_all(client, editor, moderator, boss, settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = False
    SignInEvent.record(None, SignInEvent.Kind.FAILED, user=moderator, method="password")
    SignInEvent.record(None, SignInEvent.Kind.FAILED, username="ghost", method="password")
    sign_in(client, "editor")
    own = client.get(RECORD).text
    assert "editor" in own and "moderator" not in own and "ghost" not in own
    other = SignInEvent.objects.get(user=moderator)
    assert client.get(f"{RECORD}{other.pk}/change/").status_code in (302, 403, 404)
    client.logout()
    sign_in(client, "boss")
    everything = client.get(RECORD).text
    assert "moderator" in everything and "ghost" in everything and "editor" in everything


def test_the_record_cannot_be_changed_or_deleted_in_admin(boss, settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = False
    client = Client()
    sign_in(client, "boss")
    event = SignInEvent.objects.get(user=boss)
    assert client.get(f"{RECORD}add/").status_code == 403
    assert client.post(f"{RECORD}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    page = client.get(f"{RECORD}{event.pk}/change/")
    assert page.status_code == 200 and 'type="submit"' not in page.text.split('id="content-main"')[1]
    assert SignInEvent.objects.filter(pk=event.pk).exists()


def test_a_superuser_resets_a_persons_factors(moderator, boss):
    moderator_device = enrolled_totp(moderator)
    their_browser = fully_signed_in("moderator", moderator_device)
    assert their_browser.get("/admin/").status_code == 200
    admin = fully_signed_in("boss", enrolled_totp(boss))
    response = admin.post(
        "/admin/auth/user/", {"action": "reset_second_factors", "_selected_action": [moderator.pk]}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    assert their_browser.get("/admin/")["Location"].startswith("/admin/login/")
    assert SignInEvent.objects.get(kind="factors_reset").detail == "boss (1)"
    again = Client()
    sign_in(again, "moderator")
    assert again.get("/admin/")["Location"].startswith("/admin/account/")  # enrol again


def test_only_superusers_have_the_reset_action(editor, settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = False
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    client = Client()
    sign_in(client, "editor")
    assert "reset_second_factors" not in client.get("/admin/auth/user/").text


def test_the_command_resets_the_last_superuser(boss):
    enrolled_totp(boss)
    out = io.StringIO()
    call_command("reset_factors", "boss", stdout=out)
    assert "boss" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=boss).exists()
    assert SignInEvent.objects.filter(user=boss, kind="factors_reset").exists()
    with pytest.raises(CommandError):
        call_command("reset_factors", "nobody")


def test_factors_change_only_where_the_change_is_recorded(boss, settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = False
    client = Client()
    sign_in(client, "boss")
    index = client.get("/admin/").text
    assert "/admin/otp_totp/" not in index and "/admin/otp_static/" not in index
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
