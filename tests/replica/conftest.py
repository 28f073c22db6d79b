"""The read-replica tests run against a real streaming replica (`.ci/replica.sh`) when
DATABASE_REPLICA_URL names it; without one they are skipped (and .ci/run fails on that skip).

The ordinary suite mirrors the "replica" alias onto the test database. Here the alias reads
the replica's own copy of it instead: the test database is created on the primary and
streams to the replica like any other."""

import time

import pytest
from django.conf import settings
from django.db import OperationalError, connections

from tests.factories import make_story

REPLICA = "replica"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    if REPLICA not in settings.DATABASES:
        yield
        return
    replica = connections[REPLICA]
    replica.close()
    resume_replay(settings.DATABASES[REPLICA])
    # The replica's server, with the test database's name; still a mirror for test teardown,
    # so nothing ever tries to write to it.
    test_name = connections["default"].settings_dict["NAME"]
    replica.settings_dict = {**settings.DATABASES[REPLICA], "NAME": test_name}
    yield
    replica.close()


def resume_replay(replica_settings):
    """A run killed inside `paused_replay` leaves the replica paused, and then the test
    database never reaches it. Resume it through the server's own database."""
    import psycopg

    with psycopg.connect(
        host=replica_settings["HOST"],
        port=replica_settings["PORT"] or 5432,
        user=replica_settings["USER"],
        password=replica_settings["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(
            "select pg_wal_replay_resume() where pg_get_wal_replay_pause_state() <> 'not paused'"
        )


@pytest.fixture
def replica(django_db_blocker):
    """The replica's connection, once it answers as a standby of the primary."""
    if REPLICA not in settings.DATABASES:
        pytest.skip("DATABASE_REPLICA_URL is not set (.ci/replica.sh starts a replica)")
    connection = connections[REPLICA]
    with django_db_blocker.unblock():
        deadline = time.time() + 10
        while True:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("select pg_is_in_recovery()")
                    assert cursor.fetchone()[0], "DATABASE_REPLICA_URL names a primary, not a replica"
                break
            except OperationalError as error:  # the test database is still streaming over
                connection.close()
                if time.time() > deadline:
                    pytest.skip(f"the replica does not answer: {error}")
                time.sleep(0.2)
    return connection


def wait_for_replica(queryset, seconds=10):
    """True once `queryset` finds a row on the replica."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if queryset.using(REPLICA).exists():
            return True
        time.sleep(0.05)
    return False


class paused_replay:
    """Stop the replica from applying the primary's changes: as much lag as we like."""

    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        with self.connection.cursor() as cursor:
            cursor.execute("select pg_wal_replay_pause()")
        return self

    def __exit__(self, *exc):
        with self.connection.cursor() as cursor:
            cursor.execute("select pg_wal_replay_resume()")


@pytest.fixture
def replicated_story(replica):
    from articles.models import Story

    story = make_story("Border operation", tags=["border"])
    assert wait_for_replica(Story.objects.filter(pk=story.pk)), "the story never reached the replica"
    return story
