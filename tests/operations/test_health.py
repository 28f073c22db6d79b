"""/healthz and /readyz, as a load balancer and a monitor use them."""

import json

import pytest
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from newsroom import health
from tests.operations.unreachable import REPLICA_PASSWORD, aliases_with_unreachable_replica

pytestmark = pytest.mark.django_db


def assert_private_and_cookieless(response):
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_healthz_answers_alive_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "alive"}
    assert_private_and_cookieless(response)


def test_a_load_balancer_may_probe_an_app_server_at_its_own_address_over_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["news.example.org"]
    for path in ("/healthz", "/readyz"):
        assert client.get(path, HTTP_HOST="10.0.0.12:8000").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.12:8000").status_code == 400  # pages stay guarded


def test_health_endpoints_answer_only_get_and_head(client):
    assert client.post("/readyz").status_code == 405
    assert client.head("/healthz").status_code == 200


def test_readyz_checks_every_part_and_answers_200_when_all_work(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready" and body["failing"] == []
    assert set(body["checks"]) == {"database:default", "cache", "storage", "migrations"}
    assert_private_and_cookieless(response)


def test_readyz_names_a_database_it_cannot_reach_without_its_address_or_password(client, monkeypatch):
    monkeypatch.setattr(health, "connections", aliases_with_unreachable_replica())
    response = client.get("/readyz")
    assert response.status_code == 200  # degraded: pages are read from the primary meanwhile
    body = response.json()
    assert body["failing"] == ["database:replica"] and body["checks"]["database:default"] == "ok"
    assert REPLICA_PASSWORD not in response.text and "127.0.0.1" not in response.text
    assert_private_and_cookieless(response)


def test_readyz_fails_when_the_cache_is_unreachable(client, settings, mailoutbox):
    settings.ADMINS = ["ops@example.org"]
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["failing"] == ["cache"]
    assert mailoutbox == []  # a warning in the log, not an email per probe


def test_readyz_fails_when_the_media_bucket_is_unreachable(client, settings, s3_bucket):
    settings.STORAGES["default"]["OPTIONS"]["endpoint_url"] = "http://127.0.0.1:1"
    settings.STORAGES = {**settings.STORAGES}  # tells the storages to reload
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["failing"] == ["storage"]


def test_readyz_passes_with_the_media_bucket_reachable(client, s3_bucket):
    assert client.get("/readyz").status_code == 200


def test_readyz_fails_while_a_migration_is_not_applied(client):
    latest = MigrationRecorder.Migration.objects.filter(app="comments").order_by("-name").first()
    MigrationRecorder(connections["default"]).record_unapplied("comments", latest.name)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["failing"] == ["migrations"]
