"""Background work for comments, run by Django's tasks framework (immediately in the request
by default; by a worker with a queued backend, see README "Comments")."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from comments.models import Comment

logger = logging.getLogger(__name__)


def moderator_emails():
    """COMMENTS_NOTIFY_EMAILS, or the addresses of the active members of the Moderators group."""
    if settings.COMMENTS_NOTIFY_EMAILS:
        return list(settings.COMMENTS_NOTIFY_EMAILS)
    users = get_user_model().objects.filter(is_active=True, groups__name="Moderators").exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


@task()
def send_moderation_notice(comment_id):
    """Email the moderators how many comments await them, with a link to the queue and the
    comment that prompted the email. Returns the number of recipients.

    `moderation.notify_moderators` queues this at most once per COMMENTS_NOTIFY_INTERVAL.
    Mail errors are logged, not raised: the comment is stored whatever the mail server does,
    and the moderation queue in admin shows it either way.
    """
    from comments.moderation import NOTICE_SENT_KEY

    recipients = moderator_emails()
    pending = Comment.objects.pending().count()
    if not pending or not recipients:
        return 0
    comment = Comment.objects.pending().select_related("story").filter(pk=comment_id).first()
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "count": pending,
        "comment": comment,
        "queue_url": settings.SITE_URL + reverse("admin:comments_comment_changelist"),
        "admin_url": comment
        and settings.SITE_URL + reverse("admin:comments_comment_change", args=[comment.pk]),
        "story_url": comment and settings.SITE_URL + comment.story.get_absolute_url(),
        "interval_minutes": max(settings.COMMENTS_NOTIFY_INTERVAL // 60, 1),
    }
    subject = render_to_string("comments/email/moderation_subject.txt", context)
    body = render_to_string("comments/email/moderation_body.txt", context)
    try:
        EmailMessage(" ".join(subject.split()), body, to=recipients).send()
    except Exception:  # any backend's failure: SMTP errors, timeouts, refused connections
        logger.exception("Could not email the moderators about comment %s", comment_id)
        cache.delete(NOTICE_SENT_KEY)  # the next comment tries again
        return 0
    return len(recipients)
