"""`manage.py backup` and `manage.py restore` (README "Backup and restore") round-trip the demo
newsroom into a scratch database and a scratch media folder or bucket: the same rows, the same
stories and comments, the same media files byte for byte. PostgreSQL only."""

import json
import os
import shutil
import subprocess
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests import s3
from tests.test_settings import PRODUCTION, manage

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("pg_restore") is None, reason="needs pg_dump and pg_restore"),
]

CONTENT = (
    "SELECT md5(concat((SELECT string_agg(headline || body || image, ',' ORDER BY id) FROM articles_story), "
    "(SELECT string_agg(text, ',' ORDER BY id) FROM comments_comment)))"
)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("backups need PostgreSQL")


@pytest.fixture
def scratch_databases(postgres):
    db, made = connection.settings_dict, []
    server = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"]]

    def create():
        name = f"newsroom_restore_{uuid.uuid4().hex[:8]}"
        subprocess.run(["createdb", *server, name], check=True, env=pg_password())
        made.append(name)
        return name

    yield create
    for name in made:
        subprocess.run(["dropdb", *server, "--if-exists", name], env=pg_password())


def pg_password():
    return {**os.environ, "PGPASSWORD": connection.settings_dict["PASSWORD"] or ""}


def url(name):
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def content(name):
    return psql(name, CONTENT).strip()


def psql(name, query):
    return subprocess.run(["psql", url(name), "-tA", "-c", query], capture_output=True, text=True).stdout


def round_trip(tmp_path, scratch_databases, media_env):
    call_command("backup", output=str(tmp_path / "backup"), stdout=open("/dev/null", "w"))
    original = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert original["database"]["tables"]["articles_story"] > 0
    assert original["database"]["tables"]["comments_comment"] > 0
    assert original["media"]["count"] > 0

    scratch = scratch_databases()
    env = {**PRODUCTION, "VAR_DIR": str(tmp_path / "scratch"), "DATABASE_URL": url(scratch), **media_env}
    restored = manage("restore", str(tmp_path / "backup"), env=env)
    assert restored.returncode == 0, restored.stderr
    # The restored site backed up again gives the same counts and the same media checksums.
    again = manage("backup", "--output", str(tmp_path / "again"), env=env)
    assert again.returncode == 0, again.stderr
    copy = json.loads((tmp_path / "again" / "manifest.json").read_text())
    assert copy["database"]["tables"] == original["database"]["tables"]
    assert copy["media"]["files"] == original["media"]["files"]
    assert content(scratch) == content(connection.settings_dict["NAME"])
    assert manage("migrate", "--check", env=env).returncode == 0

    # A second restore over it is refused, and so is one into an empty database whose media
    # storage is not empty; neither touches the database.
    refused = manage("restore", str(tmp_path / "backup"), env=env)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "restore only into a new database" in refused.stderr
    empty = scratch_databases()
    refused = manage("restore", str(tmp_path / "backup"), env={**env, "DATABASE_URL": url(empty)})
    assert refused.returncode != 0
    assert "media storage is not empty" in refused.stderr
    tables = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
    assert psql(empty, tables) == "0\n"
    return original


def test_the_demo_newsroom_comes_back_identical_from_a_backup(tmp_path, scratch_databases, demo_newsroom):
    manifest = round_trip(tmp_path, scratch_databases, {"MEDIA_ROOT": str(tmp_path / "scratch-media")})
    media = tmp_path / "scratch-media"
    assert sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) == sorted(
        manifest["media"]["files"]
    )


@pytest.fixture
def demo_on_s3(postgres, s3_bucket, demo_newsroom):
    return s3_bucket


def test_media_in_a_bucket_is_backed_up_and_restored_object_by_object(
    tmp_path, scratch_databases, demo_on_s3
):
    target = f"restored-{uuid.uuid4().hex[:8]}"
    s3.bucket_client().create_bucket(Bucket=target)
    media_env = {
        "MEDIA_STORAGE": "s3",
        "MEDIA_S3_BUCKET": target,
        "MEDIA_S3_ENDPOINT_URL": s3.endpoint(),
        "MEDIA_S3_REGION": s3.ACCESS["region_name"],
        "MEDIA_S3_ACCESS_KEY_ID": s3.ACCESS["aws_access_key_id"],
        "MEDIA_S3_SECRET_ACCESS_KEY": s3.ACCESS["aws_secret_access_key"],
    }
    manifest = round_trip(tmp_path, scratch_databases, media_env)
    assert manifest["media"]["storage"] == "s3"
    assert s3.stored_keys(target) == s3.stored_keys(demo_on_s3) == sorted(manifest["media"]["files"])


def test_a_damaged_backup_is_refused_before_anything_is_loaded(tmp_path, postgres, demo_newsroom):
    call_command("backup", output=str(tmp_path / "backup"), stdout=open("/dev/null", "w"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    damaged = tmp_path / "backup" / "media" / next(iter(manifest["media"]["files"]))
    damaged.write_bytes(damaged.read_bytes()[:-10])
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(tmp_path / "backup"))


def test_backups_refuse_sqlite(tmp_path):
    if connection.vendor == "postgresql":
        pytest.skip("the SQLite message")
    with pytest.raises(CommandError, match="Backups need PostgreSQL"):
        call_command("backup", output=str(tmp_path / "backup"))
