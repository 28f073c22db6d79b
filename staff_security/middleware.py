"""Holds a signed-in staff member at the second step until it is done: someone with a
factor reaches only the verification page; someone who must enrol reaches only the
enrolment pages. Also keeps staff sessions short and sliding, and their last-seen time."""

from urllib.parse import urlencode

from django.shortcuts import redirect

from newsroom.caching import is_anonymous_request
from staff_security import factors, sessions

# Views open to someone still at a step (the login and logout pages, the passkey API).
ALWAYS_OPEN = {"admin:login", "admin:logout", "otp_webauthn:js-i18n-catalog"}
OPEN_WHILE_VERIFYING = ALWAYS_OPEN | {
    "staff_security:verify", "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
}  # fmt: skip
OPEN_WHILE_ENROLLING = ALWAYS_OPEN | {
    "staff_security:account", "staff_security:totp", "staff_security:recovery_codes",
    "otp_webauthn:credential-registration-begin", "otp_webauthn:credential-registration-complete",
}  # fmt: skip


def step_due(user):
    """'verify', 'enrol' or None: what this signed-in person must do before anything else."""
    if user.is_verified():
        return None
    if factors.has_any(user):
        return "verify"
    if factors.is_required(user):
        return "enrol"
    return None


class StaffSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # A request without a session cookie has no user: public pages stay shareable.
        if is_anonymous_request(request) or not request.user.is_authenticated or not request.user.is_staff:
            return None
        sessions.touch(request)
        step = step_due(request.user)
        if step is None:
            return None
        open_views = OPEN_WHILE_VERIFYING if step == "verify" else OPEN_WHILE_ENROLLING
        if request.resolver_match.view_name in open_views:
            return None
        target = "staff_security:verify" if step == "verify" else "staff_security:account"
        response = redirect(target)
        if request.method == "GET":
            response["Location"] += "?" + urlencode({"next": request.get_full_path()})
        return response
