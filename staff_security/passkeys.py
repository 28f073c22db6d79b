"""django-otp-webauthn's passkey API, with the newsroom's rules added: a refused passkey
counts towards the lockout and is recorded, its error names nothing, and a sign-in or an
enrolment is recorded. A passkey alone signs a person in where the browser offers it."""

from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn

from newsroom import login_guard
from staff_security import signin
from staff_security.models import SignInEvent
from staff_security.views import safe_next

LOCKED = _("Too many failed sign-ins. Please wait before trying again.")


def _username(request):
    return request.user.get_username() if request.user.is_authenticated else ""


class JsonObjectOnly:
    """Junk bodies are a 400: the library's parser lets undecodable bytes through as a 500
    and hands a JSON list or string on to code that expects an object."""

    def _parse_request_data(self, request):
        try:
            data = super()._parse_request_data(request)
        except ValueError as error:  # UnicodeDecodeError as well as JSONDecodeError
            raise exceptions.MalformedRequest() from error
        if not hasattr(data, "get"):
            raise exceptions.MalformedRequest()
        return data


class BeginRegistration(JsonObjectOnly, webauthn.BeginCredentialRegistrationView):
    def check_can_register(self):
        if not self.request.user.is_staff:
            raise exceptions.NotAuthenticated()


class CompleteRegistration(JsonObjectOnly, webauthn.CompleteCredentialRegistrationView):
    def check_can_register(self):
        if not self.request.user.is_staff:
            raise exceptions.NotAuthenticated()

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        SignInEvent.record(self.request, SignInEvent.Kind.ENROLLED, user=self.request.user, method="passkey")
        return response


class BeginAuthentication(JsonObjectOnly, webauthn.BeginCredentialAuthenticationView):
    def post(self, *args, **kwargs):
        # Refused without a record: the login page asks on every visit (the autofill offer).
        if login_guard.seconds_to_wait(self.request, _username(self.request)):
            return JsonResponse({"detail": str(LOCKED), "code": "locked_out"}, status=429)
        return super().post(*args, **kwargs)


class CompleteAuthentication(JsonObjectOnly, webauthn.CompleteCredentialAuthenticationView):
    def handle_exception(self, exc):
        if isinstance(exc, exceptions.OTPWebAuthnApiError):
            # The one message for every refusal: it tells nothing about the account or key.
            signin.failed(self.request, _username(self.request), method="passkey")
            return JsonResponse({"detail": str(signin.REFUSED), "code": "refused"}, status=403)
        return super().handle_exception(exc)

    def check_device_usable(self, device):
        super().check_device_usable(device)
        if not device.user.is_staff:
            raise exceptions.UserDisabled()

    def complete_auth(self, device):
        super().complete_auth(device)
        signin.signed_in(self.request, device.user, method="passkey")

    def get_success_url(self):
        return safe_next(self.request)


urlpatterns = [
    path("registration/begin/", BeginRegistration.as_view(), name="credential-registration-begin"),
    path("registration/complete/", CompleteRegistration.as_view(), name="credential-registration-complete"),
    path("authentication/begin/", BeginAuthentication.as_view(), name="credential-authentication-begin"),
    path(
        "authentication/complete/",
        CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
