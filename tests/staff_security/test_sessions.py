"""Staff sessions: listed with their device, ended one by one or all but this one; a new
password or a lost staff role ends the others; staff sessions are short and sliding."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from staff_security.models import SignInEvent, StaffSession
from tests.factories import make_user
from tests.staff_security.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db
SESSIONS = "/admin/account/sessions/"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
EDGE = "Mozilla/5.0 (Windows NT 10.0; Win64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36 Edg/140.0"


@pytest.fixture(autouse=True)
def no_requirement(settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = False


@pytest.fixture
def writer(db):
    return make_user("writer", groups=["Contributors"], is_staff=True)


def browsers(username, *agents):
    signed_in = []
    for agent in agents:
        client = Client(HTTP_USER_AGENT=agent)
        assert sign_in(client, username).status_code == 302
        signed_in.append(client)
    return signed_in


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


def test_the_sessions_page_lists_each_device(writer):
    desk, _ = browsers("writer", FIREFOX, EDGE)
    page = desk.get(SESSIONS).text
    assert "Firefox on Linux" in page and "Edge on Windows" in page
    assert page.count("This session") == 1


def test_a_session_that_ran_out_is_not_listed(writer, settings):
    settings.STAFF_SESSION_HOURS = 2
    desk, laptop = browsers("writer", FIREFOX, EDGE)
    StaffSession.objects.filter(device="Edge on Windows").update(
        last_seen=timezone.now() - timezone.timedelta(hours=2, minutes=5)
    )
    page = desk.get(SESSIONS).text
    assert "Firefox on Linux" in page and "Edge on Windows" not in page


def test_ending_a_session_signs_that_browser_out(writer):
    desk, laptop = browsers("writer", FIREFOX, EDGE)
    other = StaffSession.objects.get(device="Edge on Windows")
    assert desk.post(f"/admin/account/sessions/{other.pk}/end/").status_code == 302
    assert not is_signed_in(laptop)
    assert is_signed_in(desk)
    assert SignInEvent.objects.filter(kind="sessions_ended", user=writer).exists()


def test_no_one_ends_another_persons_session(writer):
    (desk,) = browsers("writer", FIREFOX)
    make_user("other", groups=["Contributors"], is_staff=True)
    (theirs,) = browsers("other", EDGE)
    session = StaffSession.objects.get(user__username="other")
    desk.post(f"/admin/account/sessions/{session.pk}/end/")
    assert is_signed_in(theirs)


def test_signing_out_everywhere_else_keeps_this_session(writer):
    desk, laptop, phone = browsers("writer", FIREFOX, EDGE, "Mozilla/5.0 (iPhone) Safari/604.1")
    desk.post("/admin/account/sessions/end-others/")
    assert is_signed_in(desk)
    assert not is_signed_in(laptop) and not is_signed_in(phone)
    assert StaffSession.objects.filter(user=writer).count() == 1


def test_a_new_password_ends_the_other_sessions(writer):
    desk, laptop = browsers("writer", FIREFOX, EDGE)
    new = "another-long-password-42"
    response = desk.post(
        "/admin/password_change/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert is_signed_in(desk)
    assert not is_signed_in(laptop)
    assert StaffSession.objects.filter(user=writer).count() == 1


def test_removing_someones_staff_role_ends_their_sessions(writer, admin_client):
    (laptop,) = browsers("writer", EDGE)
    form = {
        "username": "writer", "is_active": "on", "groups": [],
        "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00",
    }  # fmt: skip
    response = admin_client.post(f"/admin/auth/user/{writer.pk}/change/", form)
    assert response.status_code == 302, response.text[:2000]
    assert not is_signed_in(laptop)
    assert SignInEvent.objects.filter(kind="sessions_ended", user=writer).exists()


def test_an_unchanged_role_keeps_the_sessions(writer, admin_client):
    (laptop,) = browsers("writer", EDGE)
    contributors = Group.objects.get(name="Contributors")
    form = {
        "username": "writer", "is_active": "on", "is_staff": "on", "groups": [contributors.pk],
        "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00", "first_name": "Wri",
    }  # fmt: skip
    assert admin_client.post(f"/admin/auth/user/{writer.pk}/change/", form).status_code == 302
    assert is_signed_in(laptop)


def test_staff_sessions_last_the_staff_lifetime_and_slide(writer, settings):
    settings.STAFF_SESSION_HOURS = 2
    (desk,) = browsers("writer", FIREFOX)
    stored = Session.objects.get(session_key=desk.session.session_key)
    left = stored.expire_date - timezone.now()
    assert timezone.timedelta(minutes=119) < left <= timezone.timedelta(hours=2)
    # An hour later, the session is used again: it runs two hours from now.
    StaffSession.objects.update(last_seen=timezone.now() - timezone.timedelta(hours=1))
    session = desk.session
    session["staff_security.seen"] -= 3600
    session.save()
    Session.objects.update(expire_date=timezone.now() + timezone.timedelta(hours=1))
    desk.get("/admin/")
    stored.refresh_from_db()
    assert stored.expire_date - timezone.now() > timezone.timedelta(minutes=119)
    assert timezone.now() - StaffSession.objects.get().last_seen < timezone.timedelta(seconds=5)
