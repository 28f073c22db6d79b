"""Readers' reports on published comments, and the senders moderators have blocked.

Both hold data about people (an IP hash, a user agent, an email address), so, like a
comment's, they are shown only in admin and go with the retention purge and the erase
command. Imported by `comments.models`, so that Django finds them with the app's models.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommentReport(models.Model):
    """One reader's report that a published comment breaks the rules. No email is asked:
    one report per IP hash and comment counts (a repeat, or the author's own, counts once)."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abusive or hateful")
        OFF_TOPIC = "off_topic", _("Off-topic")
        PERSONAL = "personal", _("Personal information")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(
        "comments.Comment", on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment")
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason)
    note = models.CharField(_("note"), max_length=500, blank=True)
    ip_hash = models.CharField(_("IP hash"), max_length=64, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(reason__in=["spam", "abuse", "off_topic", "personal", "other"]),
                name="comment_report_reason_valid",
            ),
            # One report per address and comment; purged reports (no hash left) are exempt.
            models.UniqueConstraint(
                fields=["comment", "ip_hash"], condition=~Q(ip_hash=""), name="unique_report_per_address"
            ),
        ]
        indexes = [models.Index(fields=["created_at"], name="comment_report_created_idx")]

    def __str__(self):
        return f"#{self.comment_id}: {self.get_reason_display()}"


class BlockedSenderQuerySet(models.QuerySet):
    def active(self, now=None):
        """Entries that have not expired."""
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now or timezone.now()))

    def expired(self, now=None):
        return self.filter(expires_at__lte=now or timezone.now())

    def matching(self, *, email, ip_hash):
        """Active entries naming this email (ignoring case) or this IP hash."""
        match = Q()
        if email:
            match |= Q(kind=BlockedSender.Kind.EMAIL, value=normalised_email(email))
        if ip_hash:
            match |= Q(kind=BlockedSender.Kind.IP_HASH, value=ip_hash)
        return self.active().filter(match) if match else self.none()


def normalised_email(email):
    return email.strip().casefold()


class BlockedSender(models.Model):
    """An email address or an IP hash whose new comments go straight to spam."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("Email address")
        IP_HASH = "ip_hash", _("IP hash")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    value = models.CharField(_("email or IP hash"), max_length=254)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(
        _("expires"), null=True, blank=True, help_text=_("Optional. After this time the entry is ignored.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = BlockedSenderQuerySet.as_manager()

    class Meta:
        ordering = ["-added_at", "-id"]
        verbose_name = _("blocked sender")
        verbose_name_plural = _("blocked senders")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["email", "ip_hash"]), name="blocked_sender_kind_valid"
            ),
            models.UniqueConstraint(fields=["kind", "value"], name="unique_blocked_sender"),
        ]

    def __str__(self):
        # Shown in admin's log, checkboxes and confirmations: never the whole address there.
        if self.kind == self.Kind.EMAIL:
            local, at, domain = self.value.partition("@")
            return f"{self.get_kind_display()}: {local[:1]}•••{at}{domain}"
        return f"{self.get_kind_display()}: {self.value[:12]}…"

    def save(self, *args, **kwargs):
        if self.kind == self.Kind.EMAIL:
            self.value = normalised_email(self.value)
        super().save(*args, **kwargs)

    def is_active(self, now=None):
        return self.expires_at is None or self.expires_at > (now or timezone.now())
