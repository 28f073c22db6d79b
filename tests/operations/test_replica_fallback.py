"""A read replica that cannot be reached: readers keep their pages, read from the primary,
and the app server stays in the load balancer, reported degraded."""

import logging

import pytest

from newsroom import db_router, health
from tests.factories import make_story
from tests.operations.unreachable import aliases_with_unreachable_replica

pytestmark = pytest.mark.django_db


class Clock:
    now = 1000.0

    def monotonic(self):
        return self.now


@pytest.fixture
def replica_down(settings, monkeypatch):
    """The router and its middleware on, with a replica whose port refuses connections."""
    settings.DATABASE_ROUTERS = ["newsroom.db_router.ReplicaRouter"]
    settings.DATABASE_REPLICA_LAG_WINDOW = 0  # content just written may be read from the replica
    settings.MIDDLEWARE = [settings.MIDDLEWARE[0], "newsroom.db_router.ReplicaReadsMiddleware",
                           *settings.MIDDLEWARE[1:]]  # fmt: skip
    aliases = aliases_with_unreachable_replica()
    monkeypatch.setattr(db_router, "connections", aliases)
    monkeypatch.setattr(health, "connections", aliases)
    clock = Clock()
    monkeypatch.setattr(db_router.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(db_router, "_replica_down_until", 0.0)
    return clock


def test_readers_get_their_pages_from_the_primary_and_the_replica_is_retried_later(
    client, replica_down, settings, caplog
):
    story = make_story("Border network dismantled")
    with caplog.at_level(logging.WARNING, logger="newsroom.db_router"):
        first = client.get(story.get_absolute_url())
        again = client.get("/")
    assert first.status_code == 200 and "Border network dismantled" in first.text
    assert again.status_code == 200
    tried = [r for r in caplog.records if "replica cannot be reached" in r.getMessage()]
    assert len(tried) == 1  # left alone after the first failure
    caplog.clear()
    replica_down.now += settings.DATABASE_REPLICA_RETRY_SECONDS + 1
    with caplog.at_level(logging.WARNING, logger="newsroom.db_router"):
        assert client.get("/category/" + story.primary_category.slug + "/").status_code == 200
    assert [r for r in caplog.records if "replica cannot be reached" in r.getMessage()]  # tried again


def test_readyz_reports_the_server_degraded_but_in_service(client, replica_down):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded" and body["failing"] == ["database:replica"]
