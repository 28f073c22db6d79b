"""Who must have a second factor, which factors a person has, and the changes to them.

Every change is recorded in the sign-in record. A TOTP code is checked by django-otp, which
refuses a code from a time step already used (no replay) and slows repeated failures; a
recovery code is deleted when it is used.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from staff_security import sessions
from staff_security.models import SignInEvent

REQUIRED_FOR_GROUPS = ("Editors", "Moderators")
RECOVERY_CODES = 10
Kind = SignInEvent.Kind


def is_required(user):
    """With STAFF_REQUIRE_SECOND_FACTOR: superusers, Editors and Moderators."""
    if not settings.STAFF_REQUIRE_SECOND_FACTOR or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=REQUIRED_FOR_GROUPS).exists()


def passkeys(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True)


def authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_any(user):
    """Any factor that can verify a sign-in, recovery codes included (one query: this runs on
    every admin request of a person not yet verified)."""
    return (
        get_user_model()
        ._default_manager.filter(pk=user.pk)
        .filter(
            Exists(passkeys(user))
            | Exists(TOTPDevice.objects.filter(user=user, confirmed=True))
            | Exists(StaticToken.objects.filter(device__user=user, device__confirmed=True))
        )
        .exists()
    )


def is_enrolled(user):
    """A passkey or an authenticator app: recovery codes alone are not enrolment."""
    return passkeys(user).exists() or TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def verify_code(user, code):
    """The device that accepts `code` (an authenticator's six digits, or a recovery code)."""
    code = "".join(str(code).split()).lower()[:16]
    if not code:
        return None
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice  # recovery codes: 8
    with transaction.atomic():
        for device in model.objects.filter(user=user, confirmed=True).select_for_update():
            if device.verify_token(code):
                return device
    return None


def new_authenticator(user):
    """An unconfirmed TOTP device: it counts once the person has typed a code from it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=str(_("Authenticator app")), confirmed=False)


def confirm_authenticator(request, device, code):
    if not device.verify_token(code):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        SignInEvent.record(request, Kind.ENROLLED, user=device.user, method="totp")
    if not request.user.is_verified():
        otp_login(request, device)
    return True


def new_recovery_codes(request, user):
    """Ten fresh codes; any earlier ones stop working. The same device is kept, so a session
    verified by a recovery code stays verified."""
    with transaction.atomic():
        device, created = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": str(_("Recovery codes")), "confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for n in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        SignInEvent.record(request, Kind.ENROLLED, user=user, method="recovery_codes")
    return codes


def remove(request, user, kind, pk=None):
    """Remove one of `user`'s factors; False when there was none to remove."""
    with transaction.atomic():
        if kind == "passkey":
            deleted, by_model = passkeys(user).filter(pk=pk).delete()
        elif kind == "totp":
            deleted, by_model = TOTPDevice.objects.filter(user=user).delete()
        elif kind == "recovery_codes":
            deleted, by_model = StaticDevice.objects.filter(user=user).delete()
        else:
            return False
        if deleted:
            SignInEvent.record(request, Kind.FACTOR_REMOVED, user=user, method=kind)
    return bool(deleted)


def reset(request, user, *, by=""):
    """Remove every factor and end every session: the person enrols again at next sign-in."""
    with transaction.atomic():
        for model in (WebAuthnCredential, TOTPDevice, StaticDevice):
            model.objects.filter(user=user).delete()
        ended = sessions.end(user.staff_sessions.all())
        SignInEvent.record(
            request, Kind.FACTORS_RESET, user=user, detail=f"{by} ({ended})" if by else str(ended)
        )
    return ended
