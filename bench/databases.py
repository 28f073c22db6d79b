"""The two benchmark databases: built once, reused while their recipe is unchanged."""

import hashlib
import json
import shutil
import subprocess
import time

from bench.config import BENCH_DIR, PYTHON, ROOT, app_env, say


def last_build_seconds(cfg, name):
    """How long the database's last build took (written next to its marker), or None."""
    path = BENCH_DIR / f"{name}.{cfg.db}.seconds"
    return int(path.read_text()) if path.exists() else None


def fingerprint(cfg, build_args):
    """What a built database depends on: the sizes, the builder, the demo content, the schema."""
    digest = hashlib.sha256(json.dumps([cfg.db, build_args]).encode())
    files = [
        ROOT / "bench" / "build_db.py",
        ROOT / "bench" / "generated.py",
        ROOT / "articles" / "demo_content.py",
        ROOT / "articles" / "demo_briefs.py",
        ROOT / "articles" / "demo_images.py",
        ROOT / "articles" / "management" / "commands" / "load_demo.py",
        ROOT / "comments" / "demo.py",
    ]
    files += sorted((ROOT / "articles" / "migrations").glob("*.py"))
    files += sorted((ROOT / "comments" / "migrations").glob("*.py"))
    for path in files:
        if path.exists():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def database_exists(cfg, name):
    if cfg.db == "sqlite":
        return (BENCH_DIR / f"{name}.sqlite3").exists()
    import psycopg

    with psycopg.connect(f"{cfg.pg_url}/postgres") as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        return found is not None


def recreate_database(cfg, name):
    if cfg.db == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            (BENCH_DIR / f"{name}.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{cfg.pg_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare_database(cfg, name, stories, comments, big_story):
    """Build the database unless the last build still matches; return the seconds the build
    took, or None when it was reused."""
    build_args = {"stories": stories, "comments": comments, "big_story": big_story}
    marker = BENCH_DIR / f"{name}.{cfg.db}.built"
    expected = fingerprint(cfg, build_args)
    if not cfg.rebuild and marker.exists() and marker.read_text() == expected and database_exists(cfg, name):
        say(f"reusing {name} ({cfg.db}); BENCH_REBUILD=1 rebuilds it")
        return None
    say(f"building {name} on {cfg.db}: {stories:,} generated stories, {comments:,} comments")
    marker.unlink(missing_ok=True)
    recreate_database(cfg, name)
    shutil.rmtree(BENCH_DIR / f"media-{name}", ignore_errors=True)
    began = time.monotonic()
    subprocess.run(
        [
            PYTHON,
            str(ROOT / "bench" / "build_db.py"),
            "--stories",
            str(stories),
            "--comments",
            str(comments),
            "--big-story",
            str(big_story),
        ],
        env=app_env(cfg, name, 0),
        cwd=ROOT,
        check=True,
    )
    marker.write_text(expected)
    took = time.monotonic() - began
    say(f"built {name} in {took:.0f} s")
    (BENCH_DIR / f"{name}.{cfg.db}.seconds").write_text(f"{took:.0f}")
    return took


def probe(cfg, name, page_cache, *args, env=None):
    result = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "probe.py"), *args],
        env=app_env(cfg, name, page_cache, **(env or {})),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench/probe.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
