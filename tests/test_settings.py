"""The settings module read from the environment, and the production checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PRODUCTION = {
    "SECRET_KEY": "x" * 60 + "a-production-like-secret-with-enough-variety-1234567890",
    "DEBUG": "false",
    "SECURE_SSL_REDIRECT": "true",
    "ALLOWED_HOSTS": "news.example.org",
    "SITE_URL": "https://news.example.org",
    "MAILER_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "SMTP_HOST": "mail.example.org",
}


def manage(*args, env=None):
    left_out = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in left_out}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_checks(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, "VAR_DIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_required_when_debug_is_off():
    result = manage("check", env={"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, "sqlite3"),
        ({"DATABASE_URL": "postgres://u:p@db.internal:5432/news"}, "postgresql"),
    ],
)
def test_database_comes_from_database_url(env, expected):
    without_database = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','newsroom.settings'); "
            f"django.setup(); {code}",
        ],
        cwd=ROOT,
        env={**without_database, "DEBUG": "true", **env},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip().endswith(expected), result.stderr


def test_static_files_are_hashed_compressed_and_small(tmp_path):
    result = manage(
        "collectstatic",
        "--no-input",
        "-v0",
        env={**PRODUCTION, "VAR_DIR": str(tmp_path), "STATIC_ROOT": str(tmp_path / "static")},
    )
    assert result.returncode == 0, result.stderr
    stylesheets = [p for p in (tmp_path / "static" / "css").glob("site.*.css")]
    assert len(stylesheets) == 1  # a content hash in the name, so it can be cached for a year
    assert stylesheets[0].stat().st_size < 30_000
    assert stylesheets[0].with_name(stylesheets[0].name + ".gz").exists()


def run_with_settings(code, env):
    """Run `code` in a new Python process with Django set up from `env` (DEBUG on)."""
    setup = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings'; django.setup()"
    return subprocess.run(
        [sys.executable, "-c", f"{setup}; {code}"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def postgres_answers():
    try:
        import psycopg

        psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", connect_timeout=2).close()
        return True
    except Exception:
        return False


@pytest.mark.skipif(not postgres_answers(), reason="needs PostgreSQL on 127.0.0.1:5432")
@pytest.mark.parametrize("pool_size, expected", [("", "no pool 600"), ("3", "pool 1-3 0")])
def test_database_pool_max_size_turns_on_djangos_connection_pool(pool_size, expected):
    code = (
        "from django.db import connection; connection.ensure_connection();"
        "cursor = connection.cursor(); cursor.execute('SELECT 1'); assert cursor.fetchone() == (1,);"
        "pool = connection.pool;"
        "shown = f'pool {pool.min_size}-{pool.max_size}' if pool else 'no pool';"
        "print(shown, connection.settings_dict['CONN_MAX_AGE'])"
    )
    env = {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "DATABASE_CONN_MAX_AGE": "600",
        "DATABASE_POOL_MAX_SIZE": pool_size,
    }
    result = run_with_settings(code, env)
    assert result.stdout.strip() == expected, result.stderr


def test_a_database_that_does_not_answer_fails_readiness_instead_of_hanging_it():
    """A server that accepts connections and never answers (a hung host, a black-holed
    route): /readyz says 503 once DATABASE_CONNECT_TIMEOUT has passed."""
    import socket

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # never accepted: the handshake completes, nothing is ever said
        port = silent.getsockname()[1]
        code = (
            "from django.test import Client; import json;"
            "response = Client().get('/readyz');"
            "print(response.status_code, sorted(json.loads(response.content)['failing']))"
        )
        env = {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/newsroom",
            "DATABASE_CONNECT_TIMEOUT": "1",
        }
        result = run_with_settings(code, env)
    assert result.stdout.strip().startswith("503"), result.stderr[-2000:]
    assert "database" in result.stdout
