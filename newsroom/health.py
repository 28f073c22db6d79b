"""For load balancers and monitors: /healthz says the process answers, /readyz that it can
serve (databases, cache, media storage, migrations). Neither sets a cookie nor may be cached;
a failure names the part, never its error text (which could hold a host or a password).

Answered by a middleware placed before the host check and the HTTPS redirect: a load balancer
probes each app server at its own address (http://10.0.0.12:8000/readyz), which is neither an
allowed host nor HTTPS."""

import logging
import uuid

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

from newsroom.db_router import REPLICA

logger = logging.getLogger(__name__)


def _database(alias):
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    # The Redis backend shrugs off errors (pages still render), so read back what was written.
    key, value = "readyz:probe", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise ConnectionError("the cache did not keep a value")


def _storage():
    default_storage.exists("readyz-probe")  # one HEAD request on a bucket


def _migrations():
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise LookupError("migrations are not applied")


def checks():
    """(name, check) pairs: each database alias, the cache, the storage, the migrations."""
    return [
        *((f"database:{alias}", lambda alias=alias: _database(alias)) for alias in connections),
        ("cache", _cache),
        ("storage", _storage),
        ("migrations", _migrations),
    ]


SERVED_WITHOUT = {f"database:{REPLICA}"}


def healthz(request):
    return JsonResponse({"status": "alive"})


def readyz(request):
    results = {}
    for name, check in checks():
        try:
            check()
            results[name] = "ok"
        except Exception as error:
            logger.warning("Not ready: %s failed (%s)", name, type(error).__name__)
            results[name] = "failed"
    failing = [name for name, result in results.items() if result != "ok"]
    # Without its replica a server still serves every page, from the primary
    # (newsroom/db_router.py): degraded, not out of the load balancer.
    ready = all(name in SERVED_WITHOUT for name in failing)
    status = "degraded" if failing and ready else "ready" if ready else "unavailable"
    response = JsonResponse(
        {"status": status, "failing": failing, "checks": results}, status=200 if ready else 503
    )
    # Logged above as a warning. Django would log the 503 as an error, and ADMINS would get
    # an email for every probe while a part is down.
    response._has_been_logged = True
    return response


ENDPOINTS = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = ENDPOINTS.get(request.path_info)
        if view is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"status": "method not allowed"}, status=405)
            response["Allow"] = "GET, HEAD"
        else:
            response = view(request)
        add_never_cache_headers(response)
        return response
