"""Any write to public content makes cached pages stale at once.

Receivers rather than direct calls, on purpose: admin inlines, actions, the demo loader
and the shell all write these models, and no path may be forgotten.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItem

from articles import models
from newsroom.caching import bump_site_version

CONTENT_MODELS = [
    models.Story, models.Category, models.Author, models.StoryAuthor, models.RoundupItem,
    models.Source, models.Correction, models.StoryRedirect, models.LibraryImage, Tag, TaggedItem,
]  # fmt: skip


def content_changed(sender, using=None, **kwargs):
    bump_site_version()
    # Until the commit, other connections still read the old rows: a page, or the schedule
    # of the next publication time, computed meanwhile would be kept under the new version.
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(bump_site_version, using=using)


def connect():
    for model in CONTENT_MODELS:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"stale-on-save-{model.__name__}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"stale-on-delete-{model.__name__}")
    m2m_changed.connect(
        content_changed, sender=models.Story.categories.through, dispatch_uid="stale-on-categories"
    )
