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
    BIG_PATH,
    DEMO_NAME,
    FLOOR,
    MEMORY_TOTAL,
    PAGES,
    POST_PATH,
    PYTHON,
    ROOT,
    SEED_PATH,
    SIZES,
    TENTH_NAME,
    Config,
    app_env,
    pages_with_last,
    say,
)
from bench.databases import last_build_seconds, prepare_database, probe  # noqa: E402
from bench.load import StatsdCounter  # noqa: E402
from bench.rounds import MemoryWatch, measure_posts, run_rounds, run_rounds_together  # noqa: E402
from bench.session import Session, http_get  # noqa: E402
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
    built = prepare_database(cfg, cfg.bench_name, cfg.stories, cfg.comments, cfg.big_story)
    build = {"seconds": built, "reused": built is None}
    if built is None:
        build["seconds"] = last_build_seconds(cfg, cfg.bench_name)
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

    say("finding the last page of the big story's comments (in-process)")
    names = {"bench": cfg.bench_name, "demo": DEMO_NAME} | ({"tenth": TENTH_NAME} if with_tenth else {})
    last_pages = {size: probe(cfg, names[size], 0, "last-page", BIG_PATH) for size in names if size != "demo"}
    pages = {size: pages_with_last(found["path"]) for size, found in last_pages.items()}
    pages["demo"] = [page for page in PAGES if page[3]]

    say("counting SQL queries per page (in-process, django.test.Client)")
    queries = {
        (size, "off"): probe(cfg, names[size], 0, "queries", *[p for _, _, p, _ in pages[size]], FLOOR[2])
        for size in names
    }
    queries[("bench", "on")] = probe(
        cfg, cfg.bench_name, 300, "queries", *[p for _, _, p, _ in pages["bench"]], FLOOR[2]
    )
    try:
        post_probe = probe(cfg, cfg.bench_name, 0, "post", POST_PATH)
    except RuntimeError as error:
        post_probe = {"error": str(error)[-300:]}
    floor_bytes = queries[("bench", "off")][SEED_PATH]["bytes"]
    statsd = StatsdCounter()
    results, sessions = {}, []

    def serve(label, size, cache, with_nginx=False, **extra):
        say(f"serving {label}, application cache {cache}")
        page_cache = 300 if cache == "on" else 0
        current = Session(cfg, names[size], page_cache, floor_bytes, statsd, with_nginx, **extra)
        sessions.append(current)
        # The served floor is sized to the story page (the in-process count above is not).
        floor = queries.setdefault((size, cache), {}).setdefault(FLOOR[2], {})
        floor["bytes"] = len(http_get(current.base + FLOOR[2])[2])
        return current

    def pages_of(current, size):
        found = [(key, current.base, path, "gunicorn") for key, _, path, _ in pages[size]]
        return found + [(FLOOR[0], current.base, FLOOR[2], "gunicorn")]

    def keep(key, found):
        results[key] = found
        saved = {" ".join(k): v for k, v in results.items()}
        (BENCH_DIR / "results.json").write_text(json.dumps(saved, indent=1))

    try:
        # Worker recycling off for this session, so that the memory figures follow the
        # same two processes.
        current = serve(f"{cfg.stories:,} stories", "bench", "off", GUNICORN_MAX_REQUESTS=0)
        watch = MemoryWatch(current, [path for _, _, path, _ in pages["bench"]])
        watch.first()
        groups = [("bench", current, pages_of(current, "bench"))]
        if with_tenth:
            # Served alongside and measured in turns with the big archive: the growth
            # between them is not the machine's drift between two sessions.
            tenth = serve(f"{SIZES['small'][0]:,} stories (in turns)", "tenth", "off")
            groups.append(("tenth", tenth, pages_of(tenth, "tenth")))
        together = run_rounds_together(cfg, groups)
        for size in together:
            keep((size, "off"), together[size])
        if with_tenth:
            tenth.stop()
        say("posting comments (8 clients, 10 s)")
        posts = {"off": measure_posts(cfg, current, "off")}
        say(f"memory: the pages in rotation until {MEMORY_TOTAL:,} requests")
        memory = watch.last(cfg)
        (BENCH_DIR / "www").mkdir(exist_ok=True)
        (BENCH_DIR / "www" / "story.html").write_bytes(http_get(current.base + SEED_PATH)[2])
        current.stop()

        current = serve(f"{cfg.stories:,} stories", "bench", "on", with_nginx=True)
        http_get(current.proxy_base + SEED_PATH)  # the proxy cache's first fill
        cache_status = http_get(current.proxy_base + SEED_PATH)[1].get("X-Cache-Status")
        keep(
            ("bench", "on"),
            run_rounds(
                cfg,
                current,
                pages_of(current, "bench")
                + [
                    ("nginx-static", current.static_base, "/story.html", "nginx"),
                    ("nginx-proxy", current.proxy_base, SEED_PATH, "proxy"),
                ],
            ),
        )
        say("posting comments (8 clients, 10 s)")
        posts["on"] = measure_posts(cfg, current, "on")
        say("comment to page: approving a reply, then polling the story page every 20 ms")
        try:
            seen = probe(
                cfg, cfg.bench_name, 300, "comment-to-page", SEED_PATH, current.base, current.proxy_base,
                env={"PROXY_CACHE_REFRESH_URLS": current.refresh_base},
            )  # fmt: skip
            seen = {
                "direct": seen["bases"][current.base],
                "proxy": seen["bases"][current.proxy_base],
                "approve_seconds": seen["approve_seconds"],
            }
        except RuntimeError as error:
            seen = {"error": str(error)[-300:]}
        current.stop()

        current = serve("the demo newsroom", "demo", "off")
        keep(("demo", "off"), run_rounds(cfg, current, pages_of(current, "demo")))
        current.stop()

    finally:
        for current in sessions:
            current.stop()

    measured = {
        "posts": posts,
        "post_probe": post_probe,
        "cache_status": cache_status,
        "last_pages": last_pages,
        "memory": memory,
        "comment_to_page": seen,
        "build": build,
    }
    (BENCH_DIR / "measured.json").write_text(json.dumps(measured, indent=1, default=str))
    rows, targets, notes = assemble(cfg, results, queries, pages, measured)
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
