"""Stored WARC files go with their archived copy, however it is deleted: a copy is deleted
along with its cited source (a cascade, which calls no model method), so only a signal sees it."""

from django.db import transaction
from django.db.models.signals import post_delete


def remove_stored_file(sender, instance, using, **kwargs):
    name = instance.warc.name
    if name:
        storage = instance.warc.storage
        transaction.on_commit(lambda: storage.delete(name), using=using)


def connect():
    from ledger.models import ArchivedCopy

    post_delete.connect(remove_stored_file, sender=ArchivedCopy, dispatch_uid="ledger-archived-copy-file")
