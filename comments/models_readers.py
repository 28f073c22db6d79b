"""A reader's request to hear about replies to their comment (double opt-in)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

ADDRESS_KEY_SALT = "comments.reply-subscription-address"


def address_key(email):
    """A keyed hash of the address, the same whatever its case: it finds every subscription
    of one address from a signed "stop all" link without putting the address in the link."""
    return salted_hmac(ADDRESS_KEY_SALT, email.strip().lower(), algorithm="sha256").hexdigest()


class ReplySubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def by_email(self, email):
        return self.filter(address_key=address_key(email))


class ReplySubscription(models.Model):
    """Email `email` when a reply to `comment` is published, once the address confirmed."""

    comment = models.OneToOneField(
        "comments.Comment", on_delete=models.CASCADE, related_name="reply_subscription",
        verbose_name=_("comment"),
    )  # fmt: skip
    email = models.EmailField(_("email"), max_length=254)
    address_key = models.CharField(max_length=64, editable=False, db_index=True)
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = ReplySubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reply notification")
        verbose_name_plural = _("reply notifications")
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(confirmed_at__gte=models.F("created_at")),
                name="reply_subscription_confirmed_after_asked",
            )
        ]

    def __str__(self):
        return f"#{self.comment_id} ({'confirmed' if self.confirmed_at else 'unconfirmed'})"

    def save(self, *args, **kwargs):
        self.address_key = address_key(self.email)
        super().save(*args, **kwargs)
