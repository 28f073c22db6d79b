"""Background work for comments, run by Django's tasks framework (immediately in the request
by default; by a worker with a queued backend, see README "Comments")."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
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
    """Email the moderators that a comment awaits them. Returns the number of recipients.

    Mail errors are logged, not raised: the comment is stored whatever the mail server does,
    and the moderation queue in admin shows it either way.
    """
    comment = (
        Comment.objects.select_related("story").filter(pk=comment_id, status=Comment.Status.PENDING).first()
    )
    recipients = moderator_emails()
    if comment is None or not recipients:
        return 0
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "comment": comment,
        "story_url": settings.SITE_URL + comment.story.get_absolute_url(),
        "admin_url": settings.SITE_URL + reverse("admin:comments_comment_change", args=[comment.pk]),
    }
    subject = render_to_string("comments/email/moderation_subject.txt", context)
    body = render_to_string("comments/email/moderation_body.txt", context)
    try:
        EmailMessage(" ".join(subject.split()), body, to=recipients).send()
    except Exception:  # any backend's failure: SMTP errors, timeouts, refused connections
        logger.exception("Could not email the moderators about comment %s", comment_id)
        return 0
    return len(recipients)
