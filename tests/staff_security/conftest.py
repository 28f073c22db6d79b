import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_user

PASSWORD = "a-long-test-password"
LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = True
    settings.STAFF_NEW_DEVICE_EMAIL = True


@pytest.fixture
def editor(db):
    return make_user("editor", groups=["Editors"], is_staff=True, email="editor@example.org")


@pytest.fixture
def moderator(db):
    return make_user("moderator", groups=["Moderators"], is_staff=True, email="mod@example.org")


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra)


def code_for(device, *, steps_ahead=0):
    """The code an authenticator app shows now (or `steps_ahead` time steps from now)."""
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=steps_ahead)
    return f"{code:0{device.digits}d}"


def enrolled_totp(user):
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def browser(**headers):
    return Client(**headers)
