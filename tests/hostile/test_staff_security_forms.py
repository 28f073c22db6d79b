"""The staff sign-in forms under hostile input: the second step, the authenticator set-up,
the passkey API, the session and factor buttons and the `next` address. Whatever arrives,
the answer is a 4xx or a form error with nothing signed in or changed; never a 500; what
an attacker typed is shown as text in the sign-in record."""

import json

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from staff_security.models import SignInEvent
from tests.factories import make_user
from tests.hostile.markup import MARKUP_VECTORS as VECTORS
from tests.staff_security.conftest import enrolled_totp, sign_in

pytestmark = pytest.mark.django_db

anything = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["", " ", "\x00", "000000", "0" * 64, "-1", "１２３４５６", "12345\u202e6", "%00",
                     "x" * 5000, "<script>alert(1)</script>", "' OR 1=1 --", "😀" * 30]),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
)  # fmt: skip
hostile_settings = hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(autouse=True)
def relaxed(settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = True
    settings.LOGIN_SLOWDOWN_AFTER = settings.LOGIN_LOCKOUT_AFTER = 100_000


@pytest.fixture
def held(db):
    """A moderator past the password, at the second step."""
    user = make_user("moderator", groups=["Moderators"], is_staff=True)
    enrolled_totp(user)
    client = Client()
    sign_in(client, "moderator")
    return client


@pytest.fixture
def enrolling(db):
    make_user("editor", groups=["Editors"], is_staff=True)
    client = Client()
    sign_in(client, "editor")
    client.get("/admin/account/authenticator/")
    return client


@hostile_settings
@given(code=anything, next_url=anything)
def test_any_second_step_is_refused_without_a_server_error(held, code, next_url):
    response = held.post("/admin/account/verify/", {"code": code, "next": next_url})
    assert response.status_code in (200, 429)
    assert held.get("/admin/")["Location"].startswith("/admin/account/verify/")


@hostile_settings
@given(code=anything)
def test_any_set_up_code_is_refused_without_a_server_error(enrolling, code):
    response = enrolling.post("/admin/account/authenticator/", {"code": code})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


BODIES = [b"", b"{", b"[]", b"null", b'"x"', b"{}", json.dumps({"id": "x" * 5000}).encode(),
          json.dumps({"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {}}).encode(),
          json.dumps({"id": "<", "response": {"clientDataJSON": "%%%", "authenticatorData": 1}}).encode(),
          b"\x00\xff\xfe", "😀".encode() * 100]  # fmt: skip


@pytest.mark.parametrize("endpoint", ["authentication/begin", "authentication/complete",
                                      "registration/begin", "registration/complete"])  # fmt: skip
@pytest.mark.parametrize("who", ["anonymous", "held", "enrolling"])
def test_the_passkey_api_answers_junk_with_a_4xx(endpoint, who, request):
    client = Client() if who == "anonymous" else request.getfixturevalue(who)
    url = f"/admin/account/passkeys/{endpoint}/"
    for body in BODIES:
        if endpoint.endswith("complete"):
            client.post(url.replace("complete", "begin"), content_type="application/json")
        for content_type in ("application/json", "text/plain", "application/x-www-form-urlencoded"):
            response = client.post(url, body, content_type=content_type)
            assert response.status_code < 500, (url, body, content_type, response.content[:200])
    assert client.get(url).status_code in (302, 403, 405)  # held elsewhere, refused, or POST only


def test_a_refused_passkey_names_nothing_and_counts(held):
    held.post("/admin/account/passkeys/authentication/begin/", content_type="application/json")
    response = held.post(
        "/admin/account/passkeys/authentication/complete/", b"{}", content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "That did not work. Check the code or try another way to sign in."
    assert SignInEvent.objects.filter(kind="failed", method="passkey").count() == 1


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)",
                                    "/\\evil.example", "http://testserver@evil.example/"])  # fmt: skip
def test_next_never_leads_off_the_site(target):
    user = make_user("moderator", groups=["Moderators"], is_staff=True)
    device = enrolled_totp(user)
    client = Client()
    sign_in(client, "moderator")
    from tests.staff_security.conftest import code_for

    response = client.post("/admin/account/verify/", {"code": code_for(device), "next": target})
    assert response["Location"] == "/admin/"


def test_buttons_for_sessions_and_factors_that_do_not_exist_change_nothing(db, settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = False
    make_user("writer", groups=["Contributors"], is_staff=True)
    client = Client()
    sign_in(client, "writer")
    for url in ["/admin/account/sessions/999999/end/", "/admin/account/remove/passkey/999999/",
                "/admin/account/remove/unknown/", "/admin/account/remove/%3Cscript%3E/"]:  # fmt: skip
        assert client.post(url).status_code == 302
        assert client.get(url).status_code in (302, 403, 405)  # held elsewhere, refused, or POST only
    assert client.get("/admin/account/sessions/99999999999999999999/end/").status_code in (404, 405)
    assert client.get("/admin/").status_code == 200


def test_usernames_from_the_xss_corpus_are_text_in_the_sign_in_record(admin_client):
    for vector in VECTORS[:80]:
        Client().post("/admin/login/", {"username": vector, "password": "x"})
    Client().post("/admin/login/", {"username": "nul\x00name", "password": "x"})
    page = admin_client.get("/admin/staff_security/signinevent/?all=").text
    for vector in VECTORS[:80]:
        assert vector[:150] not in page, vector
    assert SignInEvent.objects.filter(username="nulname").exists()
