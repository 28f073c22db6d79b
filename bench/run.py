"""`make bench`: how fast the public site is, against the framework's floor and nginx.

It builds two benchmark databases (the archive of the chosen size, and the demo newsroom
alone), serves each with gunicorn (deploy/gunicorn.conf.py, 2 sync workers, production
settings), drives every page with wrk in alternating rounds, and prints one table and the
targets. Exit status: 0 when every target is met, 1 when one is missed, 2 when a tool or
service it needs is missing.

Environment (all optional):
    BENCH_SIZE      default (20,000 stories, 200,000 comments) or small (2,000 / 20,000)
    BENCH_DB        postgres (the default when PostgreSQL answers) or sqlite
    BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS   one wrk round, rounds per URL, connections
    BENCH_REBUILD=1 rebuild the databases even when the last build still matches
    BENCH_PG_URL    default postgres://postgres@127.0.0.1:5432 (databases newsroom_bench*)
    BENCH_REDIS_URL default redis://127.0.0.1:6379/14 (flushed at the start)
"""

import hashlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import procs, report  # noqa: E402
from bench.build_db import BIG_SLUG, POST_SLUG, SEED_SLUG  # noqa: E402
from bench.load import StatsdCounter, post_comments, run_wrk  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
SIZES = {"default": (20_000, 200_000, 5_000), "small": (2_000, 20_000, 5_000)}
BENCH_NAME, DEMO_NAME = "newsroom_bench", "newsroom_bench_demo"

SEED_PATH = f"/story/{SEED_SLUG}/"
PAGES = [  # key, label, path, measured at demo size too
    ("front", "front page", "/", True),
    ("story50", "story, 50 comments", SEED_PATH, True),
    ("story5000", "story, 5,000 comments", f"/story/{BIG_SLUG}/", False),
    ("category", "category", "/category/organized-crime/", True),
    ("tag", "tag", "/tag/fentanyl/", True),
    ("feed", "site feed (RSS)", "/feeds/rss/", True),
    ("search", "search", "/search/?q=Nogales", True),
]
FLOOR = ("floor", "floor view (no DB, no cache)", "/bench/floor/")
POST_PATH = f"/story/{POST_SLUG}/"
NGINX_ROUNDS = 5
# Variables the application reads; the bench servers get its own values or the defaults.
APP_PREFIXES = (
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_", "SITE_", "DATABASE_", "REDIS_URL", "CACHE_KEY_PREFIX",
    "PAGE_CACHE", "PUBLIC_CACHE", "COMMENT", "SECURE_", "SESSION_", "LANGUAGE_CODE", "TIME_ZONE",
    "MAILER_", "SMTP_", "TASKS_", "ROOT_URLCONF", "STATIC_ROOT", "MEDIA_ROOT", "VAR_DIR", "LOG_LEVEL",
    "LOGIN_", "DJANGO_SETTINGS_MODULE", "WEB_CONCURRENCY", "GUNICORN_", "BENCH_FLOOR",
)


@dataclass
class Config:
    size: str
    stories: int
    comments: int
    big_story: int
    db: str
    seconds: int
    rounds: int
    connections: int
    rebuild: bool
    pg_url: str
    redis_url: str
    run_id: str
    secret_key: str

    @classmethod
    def from_env(cls):
        size = os.environ.get("BENCH_SIZE", "default") or "default"
        if size not in SIZES:
            sys.exit(f"BENCH_SIZE must be one of {', '.join(SIZES)}, not {size!r}")
        pg_url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
        db = os.environ.get("BENCH_DB") or ("postgres" if postgres_answers(pg_url) else "sqlite")
        if db not in ("postgres", "sqlite"):
            sys.exit(f"BENCH_DB must be postgres or sqlite, not {db!r}")
        small = size == "small"
        return cls(
            size, *SIZES[size], db,
            seconds=int(os.environ.get("BENCH_SECONDS") or (3 if small else 5)),
            rounds=int(os.environ.get("BENCH_ROUNDS") or (2 if small else 3)),
            connections=int(os.environ.get("BENCH_CONNECTIONS") or 8),
            rebuild=os.environ.get("BENCH_REBUILD", "") not in ("", "0"),
            pg_url=pg_url,
            redis_url=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
            run_id=f"{int(time.time())}",
            secret_key=hashlib.sha256(os.urandom(32)).hexdigest(),
        )

    def db_url(self, name):
        if self.db == "postgres":
            return f"{self.pg_url}/{name}"
        return f"sqlite:///{BENCH_DIR / name}.sqlite3"


def say(message):
    print(f"[bench] {message}", flush=True)


def postgres_answers(pg_url):
    try:
        import psycopg

        psycopg.connect(f"{pg_url}/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


def check_redis(cfg):
    import redis

    try:
        redis.Redis.from_url(cfg.redis_url, socket_timeout=3).flushdb()
    except Exception as error:
        print(f"Redis does not answer at {cfg.redis_url} ({error}). Start it, e.g.\n\n"
              "    redis-server --daemonize yes --bind 127.0.0.1 --save '' --appendonly no\n\n"
              "or set BENCH_REDIS_URL.", file=sys.stderr)
        sys.exit(2)


# The databases ------------------------------------------------------------------------


def app_env(cfg, name, page_cache, **extra):
    """The environment of the bench's servers and scripts: production settings (DEBUG off,
    WhiteNoise manifest, Redis cache, persistent connections) on plain-HTTP loopback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(APP_PREFIXES)}
    env.update(
        DEBUG="false", SECRET_KEY=cfg.secret_key, ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SITE_URL="http://127.0.0.1", VAR_DIR=str(BENCH_DIR), STATIC_ROOT=str(BENCH_DIR / "static"),
        MEDIA_ROOT=str(BENCH_DIR / f"media-{name}"), DATABASE_URL=cfg.db_url(name),
        DATABASE_CONN_MAX_AGE="600", REDIS_URL=cfg.redis_url,
        CACHE_KEY_PREFIX=f"bench-{cfg.run_id}-{name}-{page_cache}", PAGE_CACHE_SECONDS=str(page_cache),
        SECURE_SSL_REDIRECT="false", ROOT_URLCONF="bench.urls", LOG_LEVEL="WARNING",
        COMMENT_TOKEN_MIN_AGE="0", COMMENTS_RATE_LIMIT="1000000000",
        MAILER_BACKEND="django.core.mail.backends.dummy.EmailBackend", DEMO_PASSWORD=cfg.secret_key[:20],
        PYTHONPATH=str(ROOT),
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def fingerprint(cfg, build_args):
    """What a built database depends on: the sizes, the builder, the demo content, the schema."""
    digest = hashlib.sha256(json.dumps([cfg.db, build_args]).encode())
    files = [ROOT / "bench" / "build_db.py", ROOT / "articles" / "demo_content.py",
             ROOT / "articles" / "management" / "commands" / "load_demo.py", ROOT / "comments" / "demo.py"]
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
    build_args = {"stories": stories, "comments": comments, "big_story": big_story}
    marker = BENCH_DIR / f"{name}.{cfg.db}.built"
    expected = fingerprint(cfg, build_args)
    if not cfg.rebuild and marker.exists() and marker.read_text() == expected and database_exists(cfg, name):
        say(f"reusing {name} ({cfg.db}); BENCH_REBUILD=1 rebuilds it")
        return
    say(f"building {name} on {cfg.db}: {stories:,} generated stories, {comments:,} comments")
    marker.unlink(missing_ok=True)
    recreate_database(cfg, name)
    shutil.rmtree(BENCH_DIR / f"media-{name}", ignore_errors=True)
    began = time.monotonic()
    subprocess.run(
        [PYTHON, str(ROOT / "bench" / "build_db.py"), "--stories", str(stories), "--comments", str(comments),
         "--big-story", str(big_story)],
        env=app_env(cfg, name, 0), cwd=ROOT, check=True,
    )
    marker.write_text(expected)
    say(f"built {name} in {time.monotonic() - began:.0f} s")


def probe(cfg, name, page_cache, *args):
    result = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "probe.py"), *args], env=app_env(cfg, name, page_cache),
        cwd=ROOT, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench/probe.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# Servers --------------------------------------------------------------------------------


def http_get(url, headers=None):
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except OSError:
        return None, {}, b""


class Session:
    """gunicorn (and, when asked, nginx in front of it) serving one bench database."""

    def __init__(self, cfg, name, page_cache, floor_bytes, statsd, with_nginx=False):
        self.cfg, self.name, self.statsd = cfg, name, statsd
        self.env = app_env(cfg, name, page_cache, BENCH_FLOOR_BYTES=floor_bytes)
        self.port = procs.free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.servers = []
        log = BENCH_DIR / f"gunicorn-{name}-{page_cache}.log"
        self.gunicorn = self._start(procs.Server("gunicorn", [
            GUNICORN, "--config", str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", "2", "--statsd-host", statsd.address, "--no-control-socket", "newsroom.wsgi",
        ], self.env, log, cwd=ROOT), self.base + "/robots.txt")
        self.nginx = self.static_base = self.proxy_base = None
        if with_nginx:
            self._start_nginx()

    def _start(self, server, ready_url):
        self.servers.append(server)
        if not procs.wait_until(lambda: http_get(ready_url)[0] == 200 or not server.alive(), 60) \
                or not server.alive():
            raise RuntimeError(f"{server.name} did not start:\n{server.log_tail()}")
        return server

    def _start_nginx(self):
        nginx_dir = BENCH_DIR / "nginx"
        shutil.rmtree(nginx_dir, ignore_errors=True)
        for sub in ("tmp", "cache"):
            (nginx_dir / sub).mkdir(parents=True)
        static_port, proxy_port = procs.free_port(), procs.free_port()
        conf = nginx_dir / "nginx.conf"
        conf.write_text(nginx_config(nginx_dir, self.port, static_port, proxy_port))
        self.static_base = f"http://127.0.0.1:{static_port}"
        self.proxy_base = f"http://127.0.0.1:{proxy_port}"
        self.nginx = self._start(procs.Server("nginx", [
            procs.find_tool("nginx"), "-p", str(nginx_dir), "-c", str(conf),
            "-e", str(nginx_dir / "error.log"),
            "-g", "daemon off;",
        ], os.environ.copy(), nginx_dir / "stdout.log"), self.static_base + "/story.html")

    def stop(self):
        for server in reversed(self.servers):
            server.stop()

    def gunicorn_cpu(self):
        return procs.tree_cpu(self.gunicorn.pid)

    def db_cpu(self):
        return procs.postgres_backends_cpu(self.name) if self.cfg.db == "postgres" else 0.0

    def measure(self, base, path, kind):
        """One wrk round; CPU and DB time per request served, after the servers are idle again."""
        cpu = (lambda: procs.tree_cpu(self.nginx.pid)) if kind == "nginx" else self.gunicorn_cpu
        if kind == "proxy":
            cpu = lambda: procs.tree_cpu(self.nginx.pid) + self.gunicorn_cpu()  # noqa: E731
        before = cpu(), self.db_cpu(), self.statsd.snapshot()
        result = run_wrk(procs.find_tool("wrk"), base + path, seconds=self.cfg.seconds,
                         connections=self.cfg.connections, threads=2)
        # Requests wrk abandoned at the end are still served: wait until nothing moves.
        procs.wait_idle(lambda: (cpu(), self.db_cpu(), self.statsd.snapshot()["gunicorn.requests"]))
        after = cpu(), self.db_cpu(), self.statsd.snapshot()
        served, not_ok = StatsdCounter.served(before[2], after[2])
        if kind != "gunicorn":  # nginx answers itself; its count is wrk's
            served, not_ok = result["requests"], 0
        result["cpu"] = (after[0] - before[0]) * 1000 / served if served else None
        on_postgres = served and self.cfg.db == "postgres"
        result["db"] = (after[1] - before[1]) * 1000 / served if on_postgres else None
        result["errors"] = not_ok + result["non_2xx"] + result["timeouts"]
        return result


def nginx_config(nginx_dir, upstream_port, static_port, proxy_port):
    """A full nginx configuration under var/bench: the static copy, and the shipped proxy
    settings (deploy/nginx-proxy-cache.conf, the file deploy/nginx.conf includes)."""
    mime = "types { text/html html; }"
    if Path("/etc/nginx/mime.types").exists():
        mime = "include /etc/nginx/mime.types;"
    temp = " ".join(f"{kind}_temp_path {nginx_dir}/tmp/{kind};" for kind in
                    ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""worker_processes auto;
pid {nginx_dir}/nginx.pid;
error_log {nginx_dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    {mime}
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    {temp}
    proxy_cache_path {nginx_dir}/cache levels=1:2 keys_zone=newsroom_pages:10m max_size=256m inactive=10m
                     use_temp_path=off;
    upstream newsroom_app {{ server 127.0.0.1:{upstream_port}; }}
    server {{
        listen 127.0.0.1:{static_port};
        root {BENCH_DIR}/www;
        location / {{ try_files $uri =404; }}
    }}
    server {{
        listen 127.0.0.1:{proxy_port};
        location / {{ include {ROOT}/deploy/nginx-proxy-cache.conf; }}
    }}
}}
"""


# Measuring ------------------------------------------------------------------------------


def median_of(rounds):
    merged = {"errors": sum(r["errors"] for r in rounds)}
    for key in ("rps", "p50", "p99", "cpu", "db"):
        values = [r[key] for r in rounds if r.get(key) is not None]
        merged[key] = statistics.median(values) if values else None
    return merged


def run_rounds(cfg, session, targets):
    """Warm every target, then `rounds` rounds over all of them, in a rotating order."""
    for _key, base, path, _kind in targets:
        status, _, _ = http_get(base + path)
        if status != 200:
            raise RuntimeError(f"{base}{path} answered {status}, not 200")
        run_wrk(procs.find_tool("wrk"), base + path, seconds=1, connections=cfg.connections, threads=2)
    rounds = {key: [] for key, _, _, _ in targets}
    # nginx's rows are short and the noisiest (wrk shares the two cores): more rounds for them.
    for number in range(max(cfg.rounds, NGINX_ROUNDS)):
        order = targets[number % len(targets):] + targets[:number % len(targets)]
        for key, base, path, kind in order:
            if number < cfg.rounds or kind != "gunicorn":
                rounds[key].append(session.measure(base, path, kind))
    return {key: median_of(found) for key, found in rounds.items()}


def measure_posts(cfg, session, seconds=10, threads=8):
    prefix = f"bench-post-{cfg.run_id}"
    before = session.gunicorn_cpu(), session.db_cpu(), session.statsd.snapshot()
    found = post_comments(session.base, POST_PATH, seconds=seconds, threads=threads, prefix=prefix)
    procs.wait_idle(lambda: (session.gunicorn_cpu(), session.db_cpu(),
                             session.statsd.snapshot()["gunicorn.requests"]))
    after = session.gunicorn_cpu(), session.db_cpu(), session.statsd.snapshot()
    if "error" in found:
        return found
    served, not_ok = StatsdCounter.served(before[2], after[2])
    posts = max(1, served - threads - 1)  # less each client's GET of the form
    try:
        stored = probe(cfg, session.name, 0, "verify-posts", prefix, "--delete")["texts"]
    except RuntimeError as error:
        return {"error": f"could not count the stored comments: {str(error)[-300:]}"}
    accepted = found["accepted"]
    found.update(
        cpu=(after[0] - before[0]) * 1000 / posts,
        db=(after[1] - before[1]) * 1000 / posts if cfg.db == "postgres" else None,
        stored=sum(stored.values()),
        duplicates=sum(1 for n in stored.values() if n > 1),
        missing=sum(1 for text in set(accepted) if text not in stored),
        unacknowledged=sum(1 for text in stored if text not in set(accepted)),
        errors=sum(n for code, n in found["statuses"].items() if code != 302),
    )
    return found


# The run --------------------------------------------------------------------------------


def main():
    procs.ensure_tools()
    cfg = Config.from_env()
    check_redis(cfg)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    say(f"size {cfg.size}, database {cfg.db}, wrk -t2 -c{cfg.connections} -d{cfg.seconds}s, "
        f"{cfg.rounds} rounds per URL")
    prepare_database(cfg, BENCH_NAME, cfg.stories, cfg.comments, cfg.big_story)
    prepare_database(cfg, DEMO_NAME, 0, 0, 0)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
                   env=app_env(cfg, DEMO_NAME, 0), cwd=ROOT, check=True)

    say("counting SQL queries per page (in-process, django.test.Client)")
    page_paths = [path for _, _, path, _ in PAGES] + [FLOOR[2]]
    queries = {
        ("bench", "off"): probe(cfg, BENCH_NAME, 0, "queries", *page_paths),
        ("bench", "on"): probe(cfg, BENCH_NAME, 300, "queries", *page_paths),
        ("demo", "off"): probe(cfg, DEMO_NAME, 0, "queries",
                               *[p for _, _, p, in_demo in PAGES if in_demo], FLOOR[2]),
    }
    try:
        post_probe = probe(cfg, BENCH_NAME, 0, "post", POST_PATH)
    except RuntimeError as error:
        post_probe = {"error": str(error)[-300:]}
    floor_bytes = queries[("bench", "off")][SEED_PATH]["bytes"]
    statsd = StatsdCounter()
    results, sessions = {}, []

    def serve(label, name, cache, with_nginx=False):
        say(f"serving {label}, application cache {cache}")
        current = Session(cfg, name, 300 if cache == "on" else 0, floor_bytes, statsd, with_nginx)
        sessions.append(current)
        return current

    def pages_of(current, demo_only=False):
        found = [(key, current.base, path, "gunicorn")
                 for key, _, path, in_demo in PAGES if in_demo or not demo_only]
        return found + [(FLOOR[0], current.base, FLOOR[2], "gunicorn")]

    def keep(key, found):
        results[key] = found
        saved = {" ".join(k): v for k, v in results.items()}
        (BENCH_DIR / "results.json").write_text(json.dumps(saved, indent=1))

    try:
        current = serve(f"{cfg.stories:,} stories", BENCH_NAME, "off")
        keep(("bench", "off"), run_rounds(cfg, current, pages_of(current)))
        (BENCH_DIR / "www").mkdir(exist_ok=True)
        (BENCH_DIR / "www" / "story.html").write_bytes(http_get(current.base + SEED_PATH)[2])
        current.stop()

        current = serve(f"{cfg.stories:,} stories", BENCH_NAME, "on", with_nginx=True)
        http_get(current.proxy_base + SEED_PATH)  # the proxy cache's first fill
        cache_status = http_get(current.proxy_base + SEED_PATH)[1].get("X-Cache-Status")
        keep(("bench", "on"), run_rounds(cfg, current, pages_of(current) + [
            ("nginx-static", current.static_base, "/story.html", "nginx"),
            ("nginx-proxy", current.proxy_base, SEED_PATH, "proxy"),
        ]))
        say("posting comments (8 clients, 10 s)")
        posts = measure_posts(cfg, current)
        current.stop()

        current = serve("the demo newsroom", DEMO_NAME, "off")
        keep(("demo", "off"), run_rounds(cfg, current, pages_of(current, demo_only=True)))
        current.stop()
    finally:
        for current in sessions:
            current.stop()

    rows, targets, notes = assemble(cfg, results, queries, posts, post_probe, cache_status)
    finish(cfg, rows, targets, notes, time.monotonic() - began)


def assemble(cfg, results, queries, posts, post_probe, cache_status):
    counts = {key: found.get("_counts", {}) for key, found in queries.items()}
    archive = {"bench": f"{counts[('bench', 'off')].get('stories', cfg.stories):,} stories",
               "demo": f"demo, {counts[('demo', 'off')].get('stories', 0)} stories"}
    rows = []
    for key, label, path, _ in [*PAGES, (FLOOR[0], FLOOR[1], FLOOR[2], True)]:
        for size, cache in [("bench", "off"), ("bench", "on"), ("demo", "off")]:
            found = results.get((size, cache), {}).get(key)
            if found is None:
                continue
            page = queries[(size, cache)].get(path, {})
            rows.append({"page": label, "archive": archive[size], "cache": cache, **found,
                         "queries": page.get("queries"), "kb": round(page.get("bytes", 0) / 1024, 1) or None})
    on = results[("bench", "on")]
    story_kb = round(queries[("bench", "off")][SEED_PATH]["bytes"] / 1024, 1)
    rows.append({"page": "nginx: static copy of the story page", "archive": "—", "cache": "—",
                 **on["nginx-static"], "db": None, "kb": story_kb})
    rows.append({"page": "nginx: story page through deploy/ proxy cache", "archive": archive["bench"],
                 "cache": "on", **on["nginx-proxy"], "kb": story_kb})
    if "error" not in posts:
        rows.append({"page": "comment POST (8 clients)", "archive": archive["bench"], "cache": "on",
                     "rps": posts["rps"], "p50": posts["p50"], "p99": posts["p99"], "cpu": posts["cpu"],
                     "db": posts["db"], "queries": post_probe.get("queries"), "errors": posts["errors"]})
    return rows, targets_of(cfg, results, posts, rows), notes_of(cfg, cache_status, posts)


def ratio_target(name, value, limit, at_most, detail):
    ok = value is not None and (value <= limit if at_most else value >= limit)
    shown = "n/a" if value is None else f"{value:.2f}×"
    return {"name": name, "ok": ok, "detail": f"{shown} ({'≤' if at_most else '≥'} {limit}×) {detail}"}


def _ratio(a, b):
    return a / b if a is not None and b else None


def targets_of(cfg, results, posts, rows):
    off, on, demo = results[("bench", "off")], results[("bench", "on")], results[("demo", "off")]
    found = [
        ratio_target("story page (50 comments), app cache off: CPU per request vs the floor's",
                     _ratio(off["story50"]["cpu"], off["floor"]["cpu"]), 1.5, True,
                     f"{off['story50']['cpu']:.2f} vs {off['floor']['cpu']:.2f} ms"),
        ratio_target("story page (50 comments), app cache on: requests/s vs the floor's",
                     _ratio(on["story50"]["rps"], on["floor"]["rps"]), 5, False,
                     f"{on['story50']['rps']:,.0f} vs {on['floor']['rps']:,.0f} req/s"),
        ratio_target("story page through the shipped nginx proxy cache vs nginx serving a static copy",
                     _ratio(on["nginx-proxy"]["rps"], on["nginx-static"]["rps"]), 0.8, False,
                     f"{on['nginx-proxy']['rps']:,.0f} vs {on['nginx-static']['rps']:,.0f} req/s"),
    ]
    # The cost of a page is the CPU of the app and of the database together: on SQLite both
    # are in gunicorn, on PostgreSQL the queries run in its own processes.
    def total(found):
        return found["cpu"] + (found["db"] or 0) if found["cpu"] is not None else None

    growth = []
    for key, label, _, in_demo in PAGES:
        base = demo[key if in_demo else "story50"]
        ratio = _ratio(total(off[key]), total(base))
        parts = f"app {_ratio(off[key]['cpu'], base['cpu']) or 0:.2f}×"
        if cfg.db == "postgres":
            parts += f", DB {_ratio(off[key]['db'], base['db']) or 0:.1f}×"
        suffix = "" if in_demo else " (vs the 50-comment story at demo size)"
        growth.append((f"{label}{suffix}", ratio, parts))
    found.append({
        "name": f"CPU per request (app + database) at {cfg.stories:,} stories vs demo size, every page, "
                "app cache off (≤ 1.25×)",
        "ok": all(r is not None and r <= 1.25 for _, r, _ in growth),
        "detail": "; ".join(f"{label} {r:.2f}× ({parts})" if r is not None else f"{label} n/a"
                            for label, r, parts in growth),
    })
    if "error" in posts:
        found.append({"name": "comment POST: every accepted comment stored once", "ok": False,
                      "detail": posts["error"]})
    else:
        found.append({
            "name": "comment POST: every accepted comment stored once",
            "ok": bool(posts["accepted"]) and posts["duplicates"] == 0 and posts["missing"] == 0,
            "detail": f"{len(posts['accepted'])} accepted (302) of {posts['posts']} sent, "
                      f"{posts['stored']} stored, "
                      f"{posts['duplicates']} duplicated, {posts['missing']} missing, "
                      f"{posts['unacknowledged']} stored without a 302; statuses {posts['statuses']}",
        })
    failed = [row["page"] + f" ({row['archive']}, cache {row['cache']})" for row in rows if row.get("errors")]
    found.append({"name": "every measured response was a 200", "ok": not failed,
                  "detail": "yes" if not failed else "errors on: " + ", ".join(failed)})
    return found


def machine_line():
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.machine())
    return f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}"


def notes_of(cfg, cache_status, posts):
    import django

    database = "PostgreSQL" if cfg.db == "postgres" else "SQLite"
    return [
        f"Run {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {machine_line()}; Python "
        f"{platform.python_version()}, Django {django.get_version()}, {database}, "
        "gunicorn with 2 sync workers "
        f"(deploy/gunicorn.conf.py), Redis cache. wrk -t2 -c{cfg.connections} -d{cfg.seconds}s, "
        f"median of {cfg.rounds} alternating rounds per row.",
        "CPU ms/req: CPU time of the gunicorn master and workers (nginx's for the nginx rows, nginx's plus "
        "gunicorn's through the proxy cache) over a round, divided by the requests they served. "
        + ("DB CPU ms/req: the PostgreSQL backends serving the bench database. " if cfg.db == "postgres" else
           "On SQLite the queries run inside gunicorn, so its CPU includes them. ")
        + "SQL queries: one request in-process with django.test.Client after a first one. "
        f"nginx rows: median of {NGINX_ROUNDS} rounds. `!` marks a row with non-200 responses.",
        f"Proxy cache status of the story page before its rounds: {cache_status}.",
    ]


def finish(cfg, rows, targets, notes, elapsed):
    print()
    print(report.text_table(rows))
    print()
    print("\n".join(report.target_lines(targets)))
    print()
    for note in notes:
        print(note)
    heading = f"Benchmark, {cfg.size} size, {datetime.now():%Y-%m-%d}"
    (BENCH_DIR / "latest.md").write_text(report.markdown(rows, targets, notes, heading))
    say(f"done in {elapsed / 60:.1f} min; Markdown table in {BENCH_DIR.relative_to(ROOT)}/latest.md")
    sys.exit(0 if all(t["ok"] for t in targets) else 1)


def _terminate(signum, frame):
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    main()
