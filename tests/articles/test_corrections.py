from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Correction
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def test_a_typed_notice_moves_the_updated_time():
    story = make_story()
    assert story.updated_at is None
    notice = story.add_notice("correction", "The operation began on June 23, not June 24.")
    story.refresh_from_db()
    assert story.updated_at == notice.created_at


def test_a_typo_fix_does_not_move_the_updated_time():
    story = make_story()
    story.body = "<p>Fixed a typo.</p>"
    story.save()
    story.refresh_from_db()
    assert story.updated_at is None


def test_live_notice_cannot_be_edited_or_deleted():
    notice = make_story().add_notice("update", "Officials confirmed the figures.")
    notice.text = "Rewritten history"
    with pytest.raises(ValidationError):
        notice.save()
    with pytest.raises(ValidationError):
        notice.delete()
    assert Correction.objects.get(pk=notice.pk).text == "<p>Officials confirmed the figures.</p>"


def test_older_notice_does_not_move_the_updated_time_back():
    story = make_story()
    story.add_notice("update", "New", at=timezone.now())
    newest = story.updated_at
    story.add_notice("clarification", "Old", at=timezone.now() - timedelta(days=3))
    story.refresh_from_db()
    assert story.updated_at == newest
