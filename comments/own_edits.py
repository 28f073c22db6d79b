"""A commenter editing or deleting their own comment for COMMENTS_EDIT_MINUTES after posting,
through a signed link instead of an account or a cookie.

The link's token signs the comment's number and a keyed hash of its email and creation time,
so it opens that comment only (not a later one with a reused number, nor one whose commenter
data was erased). The window is counted from the comment's creation time.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from comments import moderation, spam
from comments.models import Comment

SALT = "comments.own-edit"
EDITABLE = (Comment.Status.PENDING, Comment.Status.APPROVED)


def _binding(comment):
    value = f"{comment.pk}:{comment.email.lower()}:{comment.created_at.isoformat()}"
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:32]


def make_token(comment):
    return signing.dumps({"c": comment.pk, "h": _binding(comment)}, salt=SALT, compress=False)


def comment_of(pk, token):
    """The comment `pk` when `token` is its link's token (whatever the time), else None."""
    try:
        data = signing.loads(str(token or ""), salt=SALT)
        signed_pk, binding = int(data["c"]), str(data["h"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if signed_pk != pk:
        return None
    comment = Comment.objects.select_related("story").filter(pk=pk).first()
    return comment if comment is not None and comment.email and _binding(comment) == binding else None


def closes_at(comment):
    return comment.created_at + timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)


def is_editable(comment, now=None):
    """Still within the window, and not spam or removed."""
    return comment.status in EDITABLE and (now or timezone.now()) < closes_at(comment)


def edit_path(comment):
    return reverse("comments:edit_own", kwargs={"pk": comment.pk}) + f"?t={make_token(comment)}"


def edit_url(comment):
    """The edit link for an email: absolute, on SITE_URL."""
    return settings.SITE_URL + edit_path(comment)


def posted_path(comment):
    return reverse("comments:posted", kwargs={"pk": comment.pk}) + f"?t={make_token(comment)}"


def edit(comment, text, *, ip):
    """Replace the text and run the spam rules again: an edit can send an approved comment back
    to the queue, and any comment to spam. A moderation record keeps the fact of the edit."""
    comment.text = text
    comment.save(update_fields=["text", "text_html"])
    moderation.text_edited(comment=comment, note="edited by its author")
    status, reason = spam.screen(comment, story=comment.story, ip=ip)
    if reason:  # the moderators see why, as for a new comment
        comment.held_rule, comment.held_detail = reason.rule, reason.detail[:300]
        comment.save(update_fields=["held_rule", "held_detail"])
    if status == Comment.Status.SPAM:
        moderation.mark_spam(comments=comment, note=f"author's edit: {reason}")
    elif status == Comment.Status.PENDING and comment.status == Comment.Status.APPROVED:
        moderation.restore(comments=comment, note=f"author's edit: {reason}")
        moderation.notify_moderators(comment=comment)
    return comment


def delete(comment):
    """The author withdraws the comment: it is removed, as a moderator would."""
    moderation.remove(comments=comment, note="deleted by its author")
