"""Saving or deleting a published comment makes its story's cached page stale.

Status changes go through `comments.moderation`, which does the same directly (its bulk
updates send no signals); these receivers cover the other writes to a published comment:
an edit or a deletion in admin, the demo loader, the shell.
"""

from django.db.models.signals import post_delete, post_save

from articles.caching import bump_story_version
from comments.models import Comment


def published_comment_changed(sender, instance, **kwargs):
    if instance.status == Comment.Status.APPROVED:
        bump_story_version(instance.story_id)


def connect():
    post_save.connect(published_comment_changed, sender=Comment, dispatch_uid="comment-saved-stale-story")
    post_delete.connect(published_comment_changed, sender=Comment, dispatch_uid="comment-deleted-stale-story")
