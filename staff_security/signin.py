"""The sign-in steps around the admin's password form: the lockout counts every wrong
password, passkey or code, per client address and per username; success, failure and
lockout are recorded; a sign-in from a new device can email the account's owner."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom import login_guard
from staff_security import factors, sessions
from staff_security.models import SignInEvent

Kind = SignInEvent.Kind
logger = logging.getLogger(__name__)
# The one message for every refused second step: it names no factor and no account.
REFUSED = gettext_lazy("That did not work. Check the code or try another way to sign in.")


def locked_out(request, username):
    """Seconds this attempt must wait (recorded as a lockout), or 0."""
    wait = login_guard.seconds_to_wait(request, username)
    if wait:
        user = request.user if request.user.is_authenticated else None
        SignInEvent.record(request, Kind.LOCKED_OUT, user=user, username=username)
    return wait


def failed(request, username, *, method):
    login_guard.record_failure(request, username)
    username = username.replace("\x00", "")  # as typed; PostgreSQL refuses NUL
    user = request.user if request.user.is_authenticated else None
    if user is None and username:
        from django.contrib.auth import get_user_model

        user = get_user_model()._default_manager.filter(username=username).first()
    SignInEvent.record(request, Kind.FAILED, user=user, username=username, method=method)


def password_accepted(request, username):
    """After the right password: a person with a factor has a step to go; the counts of
    failures stay until that step succeeds, so the password alone cannot reset them."""
    if factors.has_any(request.user):
        return
    signed_in(request, request.user, method="password", username=username)


def signed_in(request, user, *, method, username=""):
    if method != "password":  # Django's login gave the password step its new key
        sessions.rekey(request)
    login_guard.clear(request, username or user.get_username())
    if username and username != user.get_username():
        login_guard.clear(request, user.get_username())
    new_device = _is_new_device(request, user)
    event = SignInEvent.record(request, Kind.SIGNED_IN, user=user, method=method)
    if method == "recovery_code":
        SignInEvent.record(request, Kind.RECOVERY_CODE_USED, user=user, detail=_("%(left)d left") % {
            "left": factors.recovery_codes_left(user)})  # fmt: skip
    if new_device and settings.STAFF_NEW_DEVICE_EMAIL and user.email:
        _email_new_device(user, event)


def _is_new_device(request, user):
    earlier = SignInEvent.objects.filter(user=user, kind=Kind.SIGNED_IN)
    if not earlier.exists():
        return False  # the first sign-in of an account is no news to its owner
    from comments.client import user_agent
    from staff_security.models import device_label

    return not earlier.filter(device=device_label(user_agent(request))[:100]).exists()


def _email_new_device(user, event):
    context = {"user": user, "event": event, "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
    subject = _("%(site)s: a sign-in from a new device") % {"site": settings.SITE_NAME}
    body = render_to_string("staff_security/new_device_email.txt", context)
    try:
        EmailMessage(subject, body, to=[user.email]).send()
    except Exception:  # any backend's failure: the sign-in goes ahead when mail is down
        logger.exception("Could not email %s about a sign-in from a new device", user.pk)
