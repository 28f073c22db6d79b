"""With LANGUAGE_CODE = "es" the staff sign-in pages and the new-device email are Spanish."""

import pytest
from django.test import Client

from tests.staff_security.conftest import code_for, enrolled_totp, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def spanish(settings):
    settings.LANGUAGE_CODE = "es"
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_the_second_step_and_enrolment_are_in_spanish(client, editor, moderator):
    assert "Iniciar sesión con una llave de acceso" in client.get("/admin/login/").text
    sign_in(client, "editor")
    page = client.get("/admin/account/").text
    assert "Tu función requiere un segundo factor" in page and "Añadir una llave de acceso" in page
    assert "Escanea este código" in client.get("/admin/account/authenticator/").text
    enrolled_totp(moderator)
    other = Client()
    sign_in(other, "moderator")
    assert "Confirma que eres tú" in other.get("/admin/account/verify/").text
    assert "No funcionó. Revisa el código" in other.post("/admin/account/verify/", {"code": "000000"}).text


def test_the_new_device_email_is_in_spanish(moderator, mailoutbox):
    device = enrolled_totp(moderator)
    for steps, agent in enumerate(["Firefox/140.0 (X11; Linux x86_64)", "(iPhone) Safari/604.1"]):
        browser = Client(HTTP_USER_AGENT=agent)
        sign_in(browser, "moderator")
        browser.post("/admin/account/verify/", {"code": code_for(device, steps_ahead=steps)})
    (email,) = mailoutbox
    assert "un inicio de sesión desde un dispositivo nuevo" in email.subject
    assert "Safari en iPhone" in email.body and "Si fuiste tú" in email.body
