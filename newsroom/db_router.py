"""Reads from the read replica (DATABASE_REPLICA_URL) for anonymous public pages; everything
else on the primary.

A small middleware decides per request and keeps the answer in a context variable, which the
database router reads. The replica serves GET and HEAD requests without a session cookie,
outside the admin, outside DATABASE_PRIMARY_PATHS (the comments' own pages: the page a reader
lands on after posting, the edit, notification and report pages, which must show the
reader's own comment at once) and not the story page with a posting notice
(`?comment=received` / `?comment=published`). Writes, the admin, signed-in users and every
POST use the primary.

Replication lag: a page whose content versions (newsroom/caching.py) changed less than
DATABASE_REPLICA_LAG_WINDOW seconds ago is read from the primary (`read_from_primary`), so a
page rendered just after a moderator's decision, and cached under the new version, always
includes it. The window must stay above the replica's worst replay lag (README "Read replica").

A replica that cannot be reached is left alone for DATABASE_REPLICA_RETRY_SECONDS, and the
reads it would have served go to the primary meanwhile: readers keep their pages.
"""

import contextvars
import logging
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)

REPLICA = "replica"
_reads_from_replica = contextvars.ContextVar("reads_from_replica", default=False)
# time.monotonic() before which this process does not try the replica again.
_replica_down_until = 0.0


def read_from_primary():
    """Send the rest of this request's reads to the primary."""
    _reads_from_replica.set(False)


def replica_lags_behind(newest_change):
    """True when content changed at epoch time `newest_change` may not be on the replica yet."""
    return time.time() - newest_change < settings.DATABASE_REPLICA_LAG_WINDOW


def replica_is_up():
    """Whether the replica can serve this read. Connecting, when this thread has no
    connection to it yet, is what the read itself would do first."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    replica = connections[REPLICA]
    if replica.connection is None:
        try:
            replica.ensure_connection()
        except DatabaseError as error:
            _replica_down_until = time.monotonic() + settings.DATABASE_REPLICA_RETRY_SECONDS
            logger.warning(
                "The read replica cannot be reached (%s): reading from the primary for %s s",
                type(error).__name__,
                settings.DATABASE_REPLICA_RETRY_SECONDS,
            )
            return False
    return True


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reads_from_replica.get() and replica_is_up() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary's schema


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reads_from_replica.set(self._may_read_replica(request))
        try:
            return self.get_response(request)
        finally:
            _reads_from_replica.reset(token)

    def _may_read_replica(self, request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "comment" not in request.GET
            and not request.path.startswith((_admin_prefix(), *settings.DATABASE_PRIMARY_PATHS))
        )


def _admin_prefix():
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return "/admin/"
