"""Moderation workflows, shared by the comment view and the admin actions: receiving a new
comment, changing its status (with who and when), telling the moderators."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from comments import spam
from comments.models import Comment
from newsroom.caching import bump_story_version

logger = logging.getLogger(__name__)

Status = Comment.Status


def _set_status(comments, status, by):
    """Set `status` on a comment or a queryset of comments; return how many changed.

    The stories whose comments changed get a new content version, so their cached pages
    (and ETags) are replaced at once.
    """
    now = timezone.now()
    if isinstance(comments, Comment):
        comments.status, comments.status_changed_at, comments.status_changed_by = status, now, by
        comments = Comment.objects.filter(pk=comments.pk)
    changing = comments.exclude(status=status)
    story_ids = set(changing.values_list("story_id", flat=True))
    count = Comment.objects.filter(pk__in=changing.values("pk")).update(
        status=status, status_changed_at=now, status_changed_by=by
    )
    stories_changed(story_ids)
    return count


def stories_changed(story_ids):
    """Make the cached pages of these stories stale (their shown comments changed)."""
    for story_id in story_ids:
        bump_story_version(story_id)


def approve(*, comments, by=None):
    """Publish the comments on their story pages and feeds."""
    return _set_status(comments, Status.APPROVED, by)


def mark_spam(*, comments, by=None):
    """Hide the comments as spam; they stay stored for review."""
    return _set_status(comments, Status.SPAM, by)


def remove(*, comments, by=None):
    """Hide the comments: off-topic, abusive, or removed at the author's request."""
    return _set_status(comments, Status.REMOVED, by)


def restore(*, comments, by=None):
    """Put the comments back in the moderation queue, to be decided again."""
    return _set_status(comments, Status.PENDING, by)


def is_trusted(email):
    """With COMMENTS_TRUST_RETURNING, an email that already has an approved comment."""
    return settings.COMMENTS_TRUST_RETURNING and Comment.objects.approved().by_email(email).exists()


def receive(*, comment, story, ip, honeypot_value=""):
    """Store a new reader comment with the status the spam rules give it (pending when none
    objects, approved for trusted returning commenters) and tell the moderators."""
    status, reason = spam.screen(comment, story=story, ip=ip, honeypot_value=honeypot_value)
    if status is None:
        status = Status.APPROVED if is_trusted(comment.email) else Status.PENDING
    comment.status = status
    if reason:
        comment.held_rule, comment.held_detail = reason.rule, reason.detail[:300]
        logger.info("Comment on story %s held or marked by %s", story.pk, reason)
    comment.save()
    if status == Status.PENDING:
        notify_moderators(comment=comment)
    return comment


def notify_moderators(*, comment):
    """Queue an email to the moderators once the comment is committed.

    `robust` keeps a failing queue from failing the request: the comment is already stored.
    """
    from comments.tasks import send_moderation_notice

    transaction.on_commit(lambda: send_moderation_notice.enqueue(comment.pk), robust=True)
