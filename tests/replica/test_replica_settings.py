"""DATABASE_REPLICA_URL adds the replica with the primary's options, the router and its
middleware; without it the site has one database and no router."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEFT_OUT = {"DATABASE_URL", "DATABASE_REPLICA_URL", "DATABASE_POOL_MAX_SIZE"}


def settings_with(**env):
    code = (
        "import django, json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(json.dumps({'databases': s.DATABASES, 'routers': s.DATABASE_ROUTERS,"
        " 'middleware': s.MIDDLEWARE}, default=str))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in LEFT_OUT}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DEBUG": "true", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_replica_url_there_is_one_database_and_no_router():
    found = settings_with()
    assert list(found["databases"]) == ["default"] and found["routers"] == []
    assert "newsroom.db_router.ReplicaReadsMiddleware" not in found["middleware"]


def test_the_replica_gets_the_primarys_options_and_mirrors_it_in_tests():
    found = settings_with(
        DATABASE_URL="postgres://news:pw@primary.internal:5432/news",
        DATABASE_REPLICA_URL="postgres://reader:pw2@replica.internal:5433/news",
        DATABASE_CONN_MAX_AGE="60",
        DATABASE_POOL_MAX_SIZE="4",
    )
    primary, replica = found["databases"]["default"], found["databases"]["replica"]
    assert (replica["HOST"], replica["PORT"], replica["USER"]) == ("replica.internal", 5433, "reader")
    pool = {"min_size": 1, "max_size": 4, "timeout": 10}
    assert replica["OPTIONS"]["pool"] == primary["OPTIONS"]["pool"] == pool
    assert replica["CONN_HEALTH_CHECKS"] is True and replica["TEST"]["MIRROR"] == "default"
    assert found["routers"] == ["newsroom.db_router.ReplicaRouter"]
    # Decided before the session middleware, which never runs a query for anonymous readers.
    assert found["middleware"].index("newsroom.db_router.ReplicaReadsMiddleware") < found["middleware"].index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )
