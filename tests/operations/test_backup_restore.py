"""The backup and restore commands of README "Backup and restore", run as written against
the test database: a dump restored into an empty database holds the same stories, comments
and image names, and passes `migrate --check`. PostgreSQL only."""

import shutil
import subprocess
import uuid

import pytest
from django.db import connection

from comments.models import Comment
from tests.comments.helpers import make_comment
from tests.factories import make_story, uploaded_image
from tests.test_settings import PRODUCTION, manage

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs pg_dump and pg_restore"),
]


def url(name):
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def run(*command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_dump_restored_into_an_empty_database_holds_the_same_content(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump backs up PostgreSQL")
    story = make_story("Border operation", image=uploaded_image("photo.png"))
    make_comment(story, text="A comment that must survive the restore.")
    dump, scratch = tmp_path / "newsroom.dump", f"newsroom_restore_{uuid.uuid4().hex[:8]}"
    source = url(connection.settings_dict["NAME"])
    run("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}", source)
    run(
        "createdb",
        "-h",
        connection.settings_dict["HOST"] or "127.0.0.1",
        "-U",
        connection.settings_dict["USER"],
        scratch,
    )
    try:
        run(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={url(scratch)}",
            str(dump),
        )
        query = (
            "SELECT (SELECT string_agg(headline || ' ' || image, ',') FROM articles_story), "
            "(SELECT string_agg(text, ',') FROM comments_comment)"
        )
        restored = run("psql", url(scratch), "-tA", "-c", query).strip()
        assert restored == f"Border operation {story.image.name}|{Comment.objects.get().text}"
        check = manage(
            "migrate", "--check", env={**PRODUCTION, "VAR_DIR": str(tmp_path), "DATABASE_URL": url(scratch)}
        )
        assert check.returncode == 0, check.stdout + check.stderr
    finally:
        run(
            "dropdb",
            "-h",
            connection.settings_dict["HOST"] or "127.0.0.1",
            "-U",
            connection.settings_dict["USER"],
            "--if-exists",
            scratch,
        )
