"""The emails readers get (Django tasks): the confirmation of a reply-notification request,
and the notice of a published reply. Every notice carries a one-click unsubscribe
(`List-Unsubscribe` with `List-Unsubscribe-Post`, RFC 8058); the confirmation is the one
email without it, since nothing more is sent unless it is confirmed."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string

from comments import own_edits, subscriptions
from comments.models import Comment, ReplySubscription

logger = logging.getLogger(__name__)


def _send(template, context, to, headers=None):
    subject = render_to_string(f"comments/email/{template}_subject.txt", context)
    body = render_to_string(f"comments/email/{template}_body.txt", context)
    try:
        EmailMessage(" ".join(subject.split()), body, to=[to], headers=headers or {}).send()
    except Exception:  # any backend's failure: the subscription stays as it is
        logger.exception("Could not send the %s email", template)
        return 0
    return 1


@task()
def send_confirmation(subscription_id):
    """Ask the address to confirm; with the comment's edit link while its window is open."""
    subscription = (
        ReplySubscription.objects.select_related("comment__story").filter(pk=subscription_id).first()
    )
    if subscription is None or subscription.confirmed_at or not subscriptions.may_email(subscription.email):
        return 0
    comment = subscription.comment
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "headline": comment.story.headline,
        "confirm_url": subscriptions.confirm_url(subscription),
        "edit_url": own_edits.edit_url(comment) if own_edits.is_editable(comment) else "",
        "edit_minutes": settings.COMMENTS_EDIT_MINUTES,
    }
    return _send("confirm", context, subscription.email)


@task()
def send_reply_notice(subscription_id, reply_id):
    """Tell a confirmed subscriber that `reply_id`, a reply to their comment, is published."""
    subscription = ReplySubscription.objects.confirmed().filter(pk=subscription_id).first()
    reply = Comment.objects.public().select_related("story").filter(pk=reply_id).first()
    if subscription is None or reply is None or not subscriptions.may_email(subscription.email):
        return 0
    stop_url = subscriptions.stop_url(subscription)
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "headline": reply.story.headline,
        "name": reply.name,
        "text": reply.text,
        "reply_url": settings.SITE_URL + reply.get_absolute_url(),
        "stop_url": stop_url,
        "stop_all_url": subscriptions.stop_all_url(subscription),
    }
    headers = {"List-Unsubscribe": f"<{stop_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return _send("reply", context, subscription.email, headers)
