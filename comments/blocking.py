"""Blocking a sender: the email address and the IP hash of a comment go on the block list
(`BlockedSender`), and new comments from either are stored as spam with the reason
"blocked sender" (the rule `blocked_sender`, run by `comments.spam.screen`)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from comments.models import BlockedSender

Kind = BlockedSender.Kind


def blocked_sender(comment):
    """The rule: a `Reason` when the comment's email or IP hash is on the block list (and has
    not expired), else None. The detail names the kind, never the value."""
    from comments.spam import Reason

    kinds = set(
        BlockedSender.objects.matching(email=comment.email, ip_hash=comment.ip_hash).values_list(
            "kind", flat=True
        )
    )
    if not kinds:
        return None
    named = " and ".join(kind.replace("_", " ") for kind in sorted(kinds))
    return Reason("blocked_sender", f"blocked sender ({named})")


def block(comments, *, by, days=None, note=""):
    """Put the email addresses and IP hashes of `comments` (a queryset) on the block list (for `days` days
    when given, else until removed). An entry already there is renewed. Returns how many
    entries were added or renewed."""
    expires_at = timezone.now() + timedelta(days=days) if days else None
    values = set()
    for email, ip_hash in comments.values_list("email", "ip_hash"):
        if email:
            values.add((Kind.EMAIL, email.strip().casefold()))
        if ip_hash:
            values.add((Kind.IP_HASH, ip_hash))
    with transaction.atomic():
        for kind, value in values:
            BlockedSender.objects.update_or_create(
                kind=kind,
                value=value,
                defaults={
                    "added_by": by,
                    "added_at": timezone.now(),
                    "expires_at": expires_at,
                    "note": note[:300],
                },
            )
    return len(values)


def purge_expired(now=None):
    """Delete the entries whose time ran out; return how many."""
    count, _ = BlockedSender.objects.expired(now).delete()
    return count
