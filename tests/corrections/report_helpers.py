"""A valid "Report an error" submission, as a browser sends it from the form page."""

import time

from django.urls import reverse

from comments.forms import make_token
from corrections.report_forms import TOKEN_SALT


def report_data(story, **overrides):
    """The form's fields with a token made 10 seconds ago; None drops a field."""
    data = {
        "what_is_wrong": "The seizure was of 300,000 pills, not 30,000.",
        "item": "",
        "source_url": "https://www.justice.gov/example-release",
        "email": "reporter.private@example.net",
        "subject": "",
        "token": make_token(story, now=time.time() - 10, salt=TOKEN_SALT),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_report(client, story, headers=None, **overrides):
    return client.post(
        reverse("reports:form", args=[story.slug]), report_data(story, **overrides), headers=headers
    )
