"""What staff sign-in leaves behind: an append-only record of events, and one row per open
staff session so a person can see and end their sessions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.client import ip_hash, user_agent
from newsroom.client_address import client_ip


def device_label(agent):
    """ "Firefox on Linux" from a user agent: enough for a person to recognise their device."""
    agent = agent or ""
    browsers = [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"),
                ("Chromium/", "Chromium"), ("Safari/", "Safari")]  # fmt: skip
    systems = [("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"),
               ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux")]  # fmt: skip
    browser = next((name for marker, name in browsers if marker in agent), None)
    system = next((name for marker, name in systems if marker in agent), None)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or str(_("Unknown device"))


class SignInEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Superusers see every event; other staff see their own."""
        return self if user.is_superuser else self.filter(user=user)


class SignInKind(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    FAILED = "failed", _("Sign-in failed")
    LOCKED_OUT = "locked_out", _("Locked out")
    ENROLLED = "enrolled", _("Second factor added")
    FACTOR_REMOVED = "factor_removed", _("Second factor removed")
    RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
    FACTORS_RESET = "factors_reset", _("Second factors reset")
    SESSIONS_ENDED = "sessions_ended", _("Sessions ended")


class SignInEvent(models.Model):
    Kind = SignInKind

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("event"), max_length=24, choices=Kind)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="sign_in_events",
    )  # fmt: skip
    username = models.CharField(_("username given"), max_length=150, blank=True)
    method = models.CharField(_("method"), max_length=40, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    device = models.CharField(_("device"), max_length=100, blank=True)
    ip_hash = models.CharField(_("address (keyed hash)"), max_length=64, blank=True)

    objects = SignInEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in record")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SignInKind.values), name="signinevent_kind_valid"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.user or self.username} · {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, request, kind, *, user=None, username="", method="", detail=""):
        if user is not None and not username:
            username = user.get_username()
        username = (username or "").replace("\x00", "")  # as typed; PostgreSQL refuses NUL
        return cls.objects.create(
            kind=kind, user=user, username=username[:150], method=str(method)[:40],
            detail=str(detail)[:200],
            device=device_label(user_agent(request))[:100] if request is not None else "",
            ip_hash=ip_hash(client_ip(request)) if request is not None else "",
        )  # fmt: skip


class StaffSessionQuerySet(models.QuerySet):
    def lapsed(self, lifetime):
        """Rows whose session has run out unused: `lifetime` since last seen, and the minute
        by which last seen may lag."""
        return self.filter(last_seen__lt=timezone.now() - lifetime - timezone.timedelta(minutes=1))


class StaffSession(models.Model):
    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions"
    )
    device = models.CharField(_("device"), max_length=100)
    started_at = models.DateTimeField(_("signed in"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)

    objects = StaffSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("staff session")
        verbose_name_plural = _("staff sessions")

    def __str__(self):
        return f"{self.user} · {self.device}"
