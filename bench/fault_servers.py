"""The servers `make faults` runs the site on (bench/faults.py): a PostgreSQL and a Redis of
its own on spare ports, so the machine's services are never touched, and gunicorn; the
environment they share, and a plain HTTP request to the app."""

import http.client
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_BIN = (
    Path("/usr/lib/postgresql")
    / (sorted(os.listdir("/usr/lib/postgresql"))[-1] if Path("/usr/lib/postgresql").exists() else "15")
    / "bin"
)
PG_PORT, REDIS_PORT, APP_PORT, DEAD_SMTP_PORT = 5441, 6391, 8766, 9
WORK = Path(tempfile.gettempdir()) / "newsroom-faults"

ENV = {
    **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
    "DEBUG": "false",
    "SECRET_KEY": "faults-run-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SITE_URL": f"http://127.0.0.1:{APP_PORT}",
    "SECURE_SSL_REDIRECT": "false",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/newsroom_faults",
    "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
    "VAR_DIR": str(WORK / "var"),
    "DEMO_PASSWORD": "faults-demo-password",
    "COMMENT_TOKEN_MIN_AGE": "0",
    "COMMENTS_RATE_LIMIT": "1000000",
    "MAILER_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "SMTP_HOST": "127.0.0.1",
    "SMTP_PORT": str(DEAD_SMTP_PORT),
    "COMMENTS_NOTIFY_EMAILS": "moderators@example.org",
    "COMMENTS_NOTIFY_INTERVAL": "0",
}


def run(*command, env=None, user=None, check=True):
    if user and os.geteuid() == 0:
        command = ("runuser", "-u", user, "--", *command)
    return subprocess.run(command, env=env or ENV, cwd=ROOT, check=check, capture_output=True, text=True)


def start_postgres():
    data = WORK / "pg"
    if not (data / "PG_VERSION").exists():
        data.mkdir(parents=True, exist_ok=True)
        shutil.chown(WORK, "postgres") if os.geteuid() == 0 else None
        shutil.chown(data, "postgres") if os.geteuid() == 0 else None
        run(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", user="postgres")
    run(
        str(PG_BIN / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(WORK / "pg.log"),
        "-w",
        "-o",
        f"-p {PG_PORT} -k {WORK} -c listen_addresses=127.0.0.1",
        "start",
        user="postgres",
    )


def stop_postgres():
    run(
        str(PG_BIN / "pg_ctl"),
        "-D",
        str(WORK / "pg"),
        "-m",
        "fast",
        "-w",
        "stop",
        user="postgres",
        check=False,
    )


def start_redis():
    run(
        "redis-server",
        "--port",
        str(REDIS_PORT),
        "--bind",
        "127.0.0.1",
        "--daemonize",
        "yes",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(WORK),
    )
    wait_for(lambda: run("redis-cli", "-p", str(REDIS_PORT), "ping", check=False).stdout.strip() == "PONG")


def stop_redis():
    run("redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave", check=False)


def wait_for(condition, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


class App:
    """gunicorn serving the site with the given extra environment."""

    def __init__(self, **extra):
        env = {**ENV, **{k: str(v) for k, v in extra.items()}}
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "--workers",
                "3",
                "--bind",
                f"127.0.0.1:{APP_PORT}",
                "--timeout",
                "30",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(WORK / "gunicorn.log", "a"),
        )
        if not wait_for(lambda: request("GET", "/")[0] in (200, 503)):
            self.stop()
            sys.exit("gunicorn did not start; see " + str(WORK / "gunicorn.log"))

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def request(method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()
