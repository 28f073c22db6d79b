"""Stored WARC files go with their archived copy, however it is deleted: a copy is deleted
along with its cited source (a cascade, which calls no model method), so only a signal sees it.
A story's stored article links its sources' archived copies and says when an original is
gone: a new or deleted copy, or a deleted link check, makes it stale."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from articles.models import Source, StoryRendering


def remove_stored_file(sender, instance, using, **kwargs):
    name = instance.warc.name
    if name:
        storage = instance.warc.storage
        transaction.on_commit(lambda: storage.delete(name), using=using)


def copy_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        StoryRendering.objects.mark_stale(Source.objects.filter(pk=instance.source_id).values("story_id"))


def check_deleted(sender, instance, **kwargs):
    StoryRendering.objects.mark_stale(Source.objects.filter(url=instance.url).values("story_id"))


def connect():
    from ledger.models import ArchivedCopy, LinkCheck

    post_delete.connect(remove_stored_file, sender=ArchivedCopy, dispatch_uid="ledger-archived-copy-file")
    post_save.connect(copy_changed, sender=ArchivedCopy, dispatch_uid="ledger-copy-article")
    post_delete.connect(copy_changed, sender=ArchivedCopy, dispatch_uid="ledger-copy-gone-article")
    post_delete.connect(check_deleted, sender=LinkCheck, dispatch_uid="ledger-check-gone-article")
