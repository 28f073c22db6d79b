"""Reply notifications for readers: asked for with the comment, confirmed through a signed
link (nothing else is ever sent to an unconfirmed address), sent when a reply is published,
stopped with one click (RFC 8058) or for every comment of an address at once.

Links carry signed tokens instead of cookies or accounts: the subscription's number (with the
start of its address's keyed hash) for the confirmation and the one-click stop, the address's
keyed hash for "stop all".
"""

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, ModerationRecord, ReplySubscription
from comments.models_readers import address_key

CONFIRM_SALT = "comments.reply-subscription-confirm"
STOP_SALT = "comments.reply-subscription-stop"
STOP_ALL_SALT = "comments.reply-subscription-stop-all"
CONFIRM_MAX_AGE = 7 * 24 * 3600  # a confirmation link works for a week


def sign(value, salt):
    return signing.dumps(value, salt=salt, compress=False)


def unsign(token, salt, max_age=None):
    """The signed value, or None for a tampered, expired or malformed token."""
    try:
        return signing.loads(str(token or ""), salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def link(name, token):
    return settings.SITE_URL + reverse(name, kwargs={"token": token})


def _names(subscription):
    # The number and the start of the address's hash: a stale link cannot reach a later
    # subscription that reused the number (SQLite may reuse the highest one).
    return [subscription.pk, subscription.address_key[:16]]


def _named(value):
    """The subscriptions a signed `_names` value names (none, or the one)."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        return ReplySubscription.objects.none()
    return ReplySubscription.objects.filter(pk=value[0], address_key__startswith=str(value[1]) or "-")


def confirm_url(subscription):
    return link("comments:notify_confirm", sign(_names(subscription), CONFIRM_SALT))


def stop_url(subscription):
    return link("comments:notify_stop", sign(_names(subscription), STOP_SALT))


def stop_all_url(subscription):
    return link("comments:notify_stop_all", sign(subscription.address_key, STOP_ALL_SALT))


def may_email(address):
    """Count one email to `address`; False once COMMENTS_READER_EMAILS_PER_HOUR is reached."""
    key = f"comments:reader-emails:{address_key(address)}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= settings.COMMENTS_READER_EMAILS_PER_HOUR
    except ValueError:  # expired between add and incr
        return cache.add(key, 1, timeout=3600)


def subscribe(comment):
    """Ask for reply notifications on `comment`. An address that confirmed before is not asked
    again; otherwise the confirmation email is queued once the comment is stored."""
    from comments.reader_mail import send_confirmation

    confirmed = ReplySubscription.objects.by_email(comment.email).confirmed().exists()
    now = timezone.now()
    subscription = ReplySubscription.objects.create(
        comment=comment, email=comment.email, created_at=now, confirmed_at=now if confirmed else None
    )
    if not confirmed:
        transaction.on_commit(lambda: send_confirmation.enqueue(subscription.pk), robust=True)
    return subscription


def confirm(token):
    """Confirm the subscription the token names; return it, or None for a bad link."""
    subscription = _named(unsign(token, CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)).first()
    if subscription is not None and subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def stop(token):
    """End one subscription (the one-click link); True when the token was good."""
    value = unsign(token, STOP_SALT)
    if not isinstance(value, list):
        return False
    _named(value).delete()  # already gone: still a good link
    return True


def stop_all(token):
    """End every subscription of the address the token names; the count, or None for a bad link."""
    key = unsign(token, STOP_ALL_SALT)
    if not isinstance(key, str):
        return None
    count, _ = ReplySubscription.objects.filter(address_key=key).delete()
    return count


def replies_published(reply_ids):
    """Queue, once committed, one notice per confirmed subscription answered by these
    newly published replies (a reader answering themself is not told). A reply published
    before (removed, or held after an edit, then approved again) was told of then."""
    from comments.reader_mail import send_reply_notice

    reply_ids = list(reply_ids)
    published_before = ModerationRecord.objects.filter(
        comment_id__in=reply_ids, from_status=Comment.Status.APPROVED
    ).values("comment_id")
    pairs = list(
        Comment.objects.approved()
        .filter(pk__in=reply_ids, parent__reply_subscription__confirmed_at__isnull=False)
        .exclude(pk__in=published_before)
        .values_list("pk", "email", "parent__reply_subscription__pk", "parent__reply_subscription__email")
    )
    for reply_pk, reply_email, subscription_pk, address in pairs:
        if reply_email.strip().lower() != address.strip().lower():
            transaction.on_commit(
                lambda r=reply_pk, s=subscription_pk: send_reply_notice.enqueue(s, r), robust=True
            )
