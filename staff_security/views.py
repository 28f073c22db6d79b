"""A staff member's own security pages: the account page (factors), the authenticator
app's set-up, recovery codes, and the second sign-in step."""

from base64 import b32encode

from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff_security import factors, signin
from staff_security.forms import CodeForm
from staff_security.middleware import step_due
from staff_security.qr import qr_svg

TOTP_SESSION_KEY = "staff_security.totp_device"


def staff_view(view):
    """Signed-in staff only; others go to the admin's login page."""

    def wrapper(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            return redirect(f"{reverse('admin:login')}?next={request.path}")
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    return never_cache(wrapper)


def page(request, template, title, **context):
    step = step_due(request.user) if request.user.is_authenticated else None
    return render(request, template, {
        **admin.site.each_context(request), "title": title, "step": step,
        "is_nav_sidebar_enabled": step is None, **context,
    })  # fmt: skip


def safe_next(request, default="admin:index"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


@staff_view
def account(request):
    user = request.user
    return page(
        request, "staff_security/account.html", _("Sign-in and security"),
        passkeys=factors.passkeys(user), authenticator=factors.authenticator(user),
        recovery_codes_left=factors.recovery_codes_left(user), required=factors.is_required(user),
        enrolled=factors.is_enrolled(user),
    )  # fmt: skip


@staff_view
def totp(request):
    """Show a new secret once (QR code and text); it counts when a code from it is typed."""
    form = CodeForm(request.POST or None)
    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False, pk=request.session.get(TOTP_SESSION_KEY)
    ).first()
    if request.method == "POST" and device is not None and form.is_valid():
        if factors.confirm_authenticator(request, device, form.cleaned_data["code"]):
            del request.session[TOTP_SESSION_KEY]
            messages.success(request, _("Your authenticator app is set up."))
            if not factors.recovery_codes_left(request.user):
                return redirect("staff_security:recovery_codes")
            return redirect("staff_security:account")
        form.add_error("code", _("That code did not match. Check the app's clock and try the newest code."))
    elif request.method == "POST" and device is None:
        messages.error(request, _("The set-up expired. Scan the new code below."))
    if device is None or request.method == "GET":
        device = factors.new_authenticator(request.user)
        request.session[TOTP_SESSION_KEY] = device.pk
    secret = b32encode(device.bin_key).decode()
    return page(
        request, "staff_security/totp.html", _("Set up an authenticator app"), form=form,
        qr=qr_svg(device.config_url, label=_("QR code for your authenticator app")),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )  # fmt: skip


@staff_view
def recovery_codes(request):
    """GET explains; POST makes ten new codes and shows them this once."""
    if not factors.is_enrolled(request.user):
        messages.error(request, _("Add a passkey or an authenticator app first."))
        return redirect("staff_security:account")
    codes = factors.new_recovery_codes(request, request.user) if request.method == "POST" else None
    return page(request, "staff_security/recovery_codes.html", _("Recovery codes"), codes=codes,
                left=factors.recovery_codes_left(request.user))  # fmt: skip


@require_POST
@staff_view
def remove_factor(request, kind, pk=None):
    if factors.remove(request, request.user, kind, pk):
        messages.success(request, _("The second factor was removed."))
    return redirect("staff_security:account")


@staff_view
def verify(request):
    """The second step after the password: a passkey, an authenticator code or a recovery code."""
    user, form = request.user, CodeForm(request.POST or None)
    if step_due(user) != "verify":
        return redirect(safe_next(request))
    wait = 0
    if request.method == "POST":
        wait = signin.locked_out(request, user.get_username())
        if wait:
            form = CodeForm()
        elif form.is_valid() and (device := factors.verify_code(user, form.cleaned_data["code"])):
            otp_login(request, device)
            method = "totp" if isinstance(device, TOTPDevice) else "recovery_code"
            signin.signed_in(request, user, method=method)
            return redirect(safe_next(request))
        else:
            signin.failed(request, user.get_username(), method="code")
            form = CodeForm()
            form.refused = True
    response = page(
        request, "staff_security/verify.html", _("Confirm it is you"), form=form, lockout_seconds=wait,
        refused=signin.REFUSED if getattr(form, "refused", False) else "",
        has_passkey=factors.passkeys(user).exists(), next=safe_next(request),
    )  # fmt: skip
    if wait:
        response.status_code, response["Retry-After"] = 429, str(wait)
    return response
