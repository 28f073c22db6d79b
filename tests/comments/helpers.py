"""Helpers for the comment tests: a valid form submission, and comments made directly."""

import itertools
import time
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from comments import moderation
from comments.forms import make_token
from comments.models import Comment

_counter = itertools.count(1)


def form_data(story, **overrides):
    """What a browser sends from the story page, with a token made 10 seconds ago."""
    data = {
        "name": "Ana Reader",
        "email": "ana@example.net",
        "website": "",
        "text": "A thoughtful comment about the operation.",
        "reply_to": "",
        "subject": "",
        "token": make_token(story, now=time.time() - 10),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_comment(client, story, headers=None, **overrides):
    return client.post(
        reverse("comments:post", args=[story.pk]), form_data(story, **overrides), headers=headers
    )


def make_comment(story, *, status=Comment.Status.APPROVED, parent=None, minutes=None, **fields):
    """A comment stored directly, `minutes` after a fixed start so that order is known."""
    n = next(_counter)
    at = timezone.now() - timedelta(days=1) + timedelta(minutes=n if minutes is None else minutes)
    fields.setdefault("name", f"Reader {n}")
    fields.setdefault("email", f"reader{n}@example.org")
    fields.setdefault("text", f"Comment number {n}.")
    # Through the moderation functions, which count and render published comments.
    return moderation.add(Comment(story=story, status=status, parent=parent, created_at=at, **fields))
