"""The one email a reporter gets: the correction their report led to is published.

The email address is used for this and nothing else; no list is kept. `notified_at` is
claimed before the email is sent, so a report is never the cause of a second email.
"""

import html
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags

from corrections.models import ErrorReport

logger = logging.getLogger(__name__)


def notify_reporter(report):
    """Queue the reporter's email, once the notice and the report's state are committed."""
    if report.email and report.notified_at is None and report.correction_id:
        transaction.on_commit(lambda: send_correction_published.enqueue(report.pk))


@task()
def send_correction_published(report_id):
    """Email the reporter that a correction was published, at most once. Returns 1 when sent.

    Nothing is sent while the story is not public (the link would not open). A mail error
    is logged and releases the claim, so accepting cannot fail because of the mail server.
    """
    unsent = ErrorReport.objects.filter(pk=report_id, notified_at__isnull=True, correction__isnull=False)
    report = unsent.exclude(email="").select_related("story", "correction", "item").first()
    if report is None or not report.story.is_public:
        return 0
    if not unsent.update(notified_at=timezone.now()):
        return 0  # another worker claimed it meanwhile
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "report": report,
            "notice_text": " ".join(html.unescape(strip_tags(report.correction.text)).split()),
            "notice_url": settings.SITE_URL + report.correction.get_absolute_url(),
        }
        subject = render_to_string("corrections/email/correction_published_subject.txt", context)
        body = render_to_string("corrections/email/correction_published_body.txt", context)
    try:
        EmailMessage(" ".join(subject.split()), body, to=[report.email]).send()
    except Exception:  # any backend's failure: SMTP errors, timeouts, refused connections
        logger.exception("Could not email the reporter of error report %s", report_id)
        ErrorReport.objects.filter(pk=report_id).update(notified_at=None)
        return 0
    return 1
