"""`make bench`: how fast the public site is, against the framework's floor and nginx.

It builds two benchmark databases (the archive of the chosen size, and the demo newsroom
alone), serves each with gunicorn (deploy/gunicorn.conf.py, 2 sync workers, production
settings), drives every page with wrk in alternating rounds, and prints one table and the
targets. Exit status: 0 when every target is met, 1 when one is missed, 2 when a tool or
service it needs is missing.

Environment (all optional):
    BENCH_SIZE      default (20,000 stories, 200,000 comments), small (2,000 / 20,000) or
                    large (100,000 / 1,000,000, on PostgreSQL)
    BENCH_DB        postgres (the default when PostgreSQL answers) or sqlite
    BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS   one wrk round, rounds per URL, connections
    BENCH_REBUILD=1 rebuild the databases even when the last build still matches
    BENCH_PG_URL    default postgres://postgres@127.0.0.1:5432 (databases newsroom_bench*)
    BENCH_REDIS_URL default redis://127.0.0.1:6379/14 (flushed at the start)
"""

import json
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import procs, report  # noqa: E402
from bench.config import (  # noqa: E402
    BENCH_DIR,
    DEMO_NAME,
    FLOOR,
    PAGES,
    POST_PATH,
    PYTHON,
    ROOT,
    SEED_PATH,
    SIZES,
    TENTH_NAME,
    Config,
    app_env,
    say,
)
from bench.databases import prepare_database, probe  # noqa: E402
from bench.load import StatsdCounter  # noqa: E402
from bench.session import Session, http_get, measure_posts, run_rounds  # noqa: E402
from bench.targets import assemble  # noqa: E402


def check_redis(cfg):
    import redis

    try:
        redis.Redis.from_url(cfg.redis_url, socket_timeout=3).flushdb()
    except Exception as error:
        print(
            f"Redis does not answer at {cfg.redis_url} ({error}). Start it, e.g.\n\n"
            "    redis-server --daemonize yes --bind 127.0.0.1 --save '' --appendonly no\n\n"
            "or set BENCH_REDIS_URL.",
            file=sys.stderr,
        )
        sys.exit(2)


def main():
    procs.ensure_tools()
    cfg = Config.from_env()
    check_redis(cfg)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    say(
        f"size {cfg.size}, database {cfg.db}, wrk -t2 -c{cfg.connections} -d{cfg.seconds}s, "
        f"{cfg.rounds} rounds per URL"
    )
    prepare_database(cfg, cfg.bench_name, cfg.stories, cfg.comments, cfg.big_story)
    prepare_database(cfg, DEMO_NAME, 0, 0, 0)
    with_tenth = cfg.size in ("default", "large")
    if with_tenth:
        prepare_database(cfg, TENTH_NAME, *SIZES["small"])
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
        env=app_env(cfg, DEMO_NAME, 0),
        cwd=ROOT,
        check=True,
    )

    say("counting SQL queries per page (in-process, django.test.Client)")
    page_paths = [path for _, _, path, _ in PAGES] + [FLOOR[2]]
    queries = {
        ("bench", "off"): probe(cfg, cfg.bench_name, 0, "queries", *page_paths),
        ("bench", "on"): probe(cfg, cfg.bench_name, 300, "queries", *page_paths),
        ("demo", "off"): probe(
            cfg, DEMO_NAME, 0, "queries", *[p for _, _, p, in_demo in PAGES if in_demo], FLOOR[2]
        ),
    }
    if with_tenth:
        queries[("tenth", "off")] = probe(cfg, TENTH_NAME, 0, "queries", *page_paths)
    try:
        post_probe = probe(cfg, cfg.bench_name, 0, "post", POST_PATH)
    except RuntimeError as error:
        post_probe = {"error": str(error)[-300:]}
    floor_bytes = queries[("bench", "off")][SEED_PATH]["bytes"]
    statsd = StatsdCounter()
    results, sessions = {}, []

    def serve(label, name, size, cache, with_nginx=False):
        say(f"serving {label}, application cache {cache}")
        current = Session(cfg, name, 300 if cache == "on" else 0, floor_bytes, statsd, with_nginx)
        sessions.append(current)
        # The served floor is sized to the story page (the in-process count above is not).
        floor = queries.setdefault((size, cache), {}).setdefault(FLOOR[2], {})
        floor["bytes"] = len(http_get(current.base + FLOOR[2])[2])
        return current

    def pages_of(current, demo_only=False):
        found = [
            (key, current.base, path, "gunicorn")
            for key, _, path, in_demo in PAGES
            if in_demo or not demo_only
        ]
        return found + [(FLOOR[0], current.base, FLOOR[2], "gunicorn")]

    def keep(key, found):
        results[key] = found
        saved = {" ".join(k): v for k, v in results.items()}
        (BENCH_DIR / "results.json").write_text(json.dumps(saved, indent=1))

    try:
        current = serve(f"{cfg.stories:,} stories", cfg.bench_name, "bench", "off")
        keep(("bench", "off"), run_rounds(cfg, current, pages_of(current)))
        say("posting comments (8 clients, 10 s)")
        posts = {"off": measure_posts(cfg, current, "off")}
        (BENCH_DIR / "www").mkdir(exist_ok=True)
        (BENCH_DIR / "www" / "story.html").write_bytes(http_get(current.base + SEED_PATH)[2])
        current.stop()

        current = serve(f"{cfg.stories:,} stories", cfg.bench_name, "bench", "on", with_nginx=True)
        http_get(current.proxy_base + SEED_PATH)  # the proxy cache's first fill
        cache_status = http_get(current.proxy_base + SEED_PATH)[1].get("X-Cache-Status")
        keep(
            ("bench", "on"),
            run_rounds(
                cfg,
                current,
                pages_of(current)
                + [
                    ("nginx-static", current.static_base, "/story.html", "nginx"),
                    ("nginx-proxy", current.proxy_base, SEED_PATH, "proxy"),
                ],
            ),
        )
        say("posting comments (8 clients, 10 s)")
        posts["on"] = measure_posts(cfg, current, "on")
        current.stop()

        current = serve("the demo newsroom", DEMO_NAME, "demo", "off")
        keep(("demo", "off"), run_rounds(cfg, current, pages_of(current, demo_only=True)))
        current.stop()

        if with_tenth:
            current = serve(f"{SIZES['small'][0]:,} stories", TENTH_NAME, "tenth", "off")
            keep(("tenth", "off"), run_rounds(cfg, current, pages_of(current)))
            current.stop()
    finally:
        for current in sessions:
            current.stop()

    rows, targets, notes = assemble(cfg, results, queries, posts, post_probe, cache_status)
    finish(cfg, rows, targets, notes, time.monotonic() - began)


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
    sys.exit(0 if all(t["ok"] is not False for t in targets) else 1)  # None: for information


def _terminate(signum, frame):
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    main()
