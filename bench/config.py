"""The benchmark's settings (from BENCH_* variables), its pages, and the environment its
servers and scripts run with."""

import hashlib
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.build_db import BIG_SLUG, POST_SLUG, SEED_SLUG

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
SIZES = {
    "default": (20_000, 200_000, 5_000),
    "small": (2_000, 20_000, 5_000),
    "large": (100_000, 1_000_000, 5_000),
}
BUILD_LIMIT = 15 * 60  # seconds: the large archive's build must fit in this on the 2-core machine
DEMO_NAME = "newsroom_bench_demo"
# At the default and large sizes, the same pages are also measured on the 2,000-story archive,
# whose listings are as full as the big one's: growth from there is growth with the archive
# alone (for information at the default size, a target at the large size).
TENTH_NAME = "newsroom_bench_small"

SEED_PATH = f"/story/{SEED_SLUG}/"
BIG_PATH = f"/story/{BIG_SLUG}/"
PAGES = [  # key, label, path, measured at demo size too
    ("front", "front page", "/", True),
    ("story50", "story, 50 comments", SEED_PATH, True),
    ("story5000", "story, 5,000 comments", BIG_PATH, False),
    ("category", "category", "/category/organized-crime/", True),
    ("tag", "tag", "/tag/fentanyl/", True),
    ("feed", "site feed (RSS)", "/feeds/rss/", True),
    ("search", "search", "/search/?q=Nogales", True),
]
# The big story's last page: its path (`?after=`) differs by database, found at the start.
LAST_PAGE = ("story5000last", "story, 5,000 comments, last page")
FLOOR = ("floor", "floor view (no DB, no cache)", "/bench/floor/")
POST_PATH = f"/story/{POST_SLUG}/"
NGINX_ROUNDS = 5
# Memory: each worker's resident size after MEMORY_FIRST mixed requests and after MEMORY_TOTAL.
MEMORY_FIRST, MEMORY_TOTAL = 1_000, int(os.environ.get("BENCH_MEMORY_REQUESTS") or 20_000)
# Variables the application reads; the bench servers get its own values or the defaults.
APP_PREFIXES = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_",
    "SITE_",
    "DATABASE_",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
    "PAGE_CACHE",
    "PUBLIC_CACHE",
    "PROXY_CACHE",
    "COMMENT",
    "SECURE_",
    "SESSION_",
    "LANGUAGE_CODE",
    "TIME_ZONE",
    "MAILER_",
    "SMTP_",
    "TASKS_",
    "ROOT_URLCONF",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "VAR_DIR",
    "LOG_LEVEL",
    "LOGIN_",
    "DJANGO_SETTINGS_MODULE",
    "WEB_CONCURRENCY",
    "GUNICORN_",
    "BENCH_FLOOR",
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
            size,
            *SIZES[size],
            db,
            seconds=int(os.environ.get("BENCH_SECONDS") or (3 if small else 5)),
            rounds=int(os.environ.get("BENCH_ROUNDS") or (2 if small else 3)),
            connections=int(os.environ.get("BENCH_CONNECTIONS") or 8),
            rebuild=os.environ.get("BENCH_REBUILD", "") not in ("", "0"),
            pg_url=pg_url,
            redis_url=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
            run_id=f"{int(time.time())}",
            secret_key=hashlib.sha256(os.urandom(32)).hexdigest(),
        )

    @property
    def bench_name(self):
        """newsroom_bench at the default size; each other size keeps a database of its own."""
        return "newsroom_bench" if self.size == "default" else f"newsroom_bench_{self.size}"

    def db_url(self, name):
        if self.db == "postgres":
            return f"{self.pg_url}/{name}"
        return f"sqlite:///{BENCH_DIR / name}.sqlite3"


def pages_with_last(last_path):
    """PAGES with the big story's last page after its first, for a database whose last page
    is at `last_path` (None: the database has no big story)."""
    pages = list(PAGES)
    if last_path:
        at = next(i for i, (key, *_) in enumerate(pages) if key == "story5000") + 1
        pages.insert(at, (*LAST_PAGE, last_path, False))
    return pages


def say(message):
    print(f"[bench] {message}", flush=True)


def postgres_answers(pg_url):
    try:
        import psycopg

        psycopg.connect(f"{pg_url}/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


def app_env(cfg, name, page_cache, **extra):
    """The environment of the bench's servers and scripts: production settings (DEBUG off,
    WhiteNoise manifest, Redis cache, persistent connections) on plain-HTTP loopback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(APP_PREFIXES)}
    env.update(
        DEBUG="false",
        SECRET_KEY=cfg.secret_key,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SITE_URL="http://127.0.0.1",
        VAR_DIR=str(BENCH_DIR),
        STATIC_ROOT=str(BENCH_DIR / "static"),
        MEDIA_ROOT=str(BENCH_DIR / f"media-{name}"),
        DATABASE_URL=cfg.db_url(name),
        DATABASE_CONN_MAX_AGE="600",
        REDIS_URL=cfg.redis_url,
        CACHE_KEY_PREFIX=f"bench-{cfg.run_id}-{name}-{page_cache}",
        PAGE_CACHE_SECONDS=str(page_cache),
        SECURE_SSL_REDIRECT="false",
        ROOT_URLCONF="bench.urls",
        LOG_LEVEL="WARNING",
        COMMENT_TOKEN_MIN_AGE="0",
        COMMENTS_RATE_LIMIT="1000000000",
        MAILER_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        DEMO_PASSWORD=cfg.secret_key[:20],
        PYTHONPATH=str(ROOT),
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env
