"""The table's rows, the targets and the notes, from the measurements."""

import os
import platform
from datetime import datetime
from pathlib import Path

from bench.config import FLOOR, NGINX_ROUNDS, PAGES, SEED_PATH


def assemble(cfg, results, queries, posts, post_probe, cache_status):
    counts = {key: found.get("_counts", {}) for key, found in queries.items()}
    archive = {
        "bench": f"{counts[('bench', 'off')].get('stories', cfg.stories):,} stories",
        "demo": f"demo, {counts[('demo', 'off')].get('stories', 0)} stories",
        "tenth": f"{counts.get(('tenth', 'off'), {}).get('stories', 0):,} stories",
    }
    rows = []
    for key, label, path, _ in [*PAGES, (FLOOR[0], FLOOR[1], FLOOR[2], True)]:
        for size, cache in [("bench", "off"), ("bench", "on"), ("demo", "off"), ("tenth", "off")]:
            found = results.get((size, cache), {}).get(key)
            if found is None:
                continue
            page = queries[(size, cache)].get(path, {})
            rows.append(
                {
                    "page": label,
                    "archive": archive[size],
                    "cache": cache,
                    **found,
                    "queries": page.get("queries"),
                    "kb": round(page.get("bytes", 0) / 1024, 1) or None,
                }
            )
    on = results[("bench", "on")]
    story_kb = round(queries[("bench", "off")][SEED_PATH]["bytes"] / 1024, 1)
    rows.append(
        {
            "page": "nginx: static copy of the story page",
            "archive": "—",
            "cache": "—",
            **on["nginx-static"],
            "db": None,
            "kb": story_kb,
        }
    )
    rows.append(
        {
            "page": "nginx: story page through deploy/ proxy cache",
            "archive": archive["bench"],
            "cache": "on",
            **on["nginx-proxy"],
            "kb": story_kb,
        }
    )
    for cache, found in posts.items():
        if "error" not in found:
            rows.append(
                {
                    "page": "comment POST (8 clients)",
                    "archive": archive["bench"],
                    "cache": cache,
                    "rps": found["rps"],
                    "p50": found["p50"],
                    "p99": found["p99"],
                    "cpu": found["cpu"],
                    "db": found["db"],
                    "queries": post_probe.get("queries"),
                    "errors": found["errors"],
                }
            )
    return rows, targets_of(cfg, results, posts, rows), notes_of(cfg, cache_status, posts)


def total(found):
    """The cost of a page: the CPU of the app and of the database together (on SQLite both
    are in gunicorn, on PostgreSQL the queries run in its own processes)."""
    return found["cpu"] + (found["db"] or 0) if found["cpu"] is not None else None


def growth_target(cfg, big, small, small_name, is_target):
    """Each page's cost on the big archive against `small`'s. Against the demo newsroom it
    is a target; against a tenth of the archive (listings as full) it is for information."""
    growth = []
    for key, label, _, in_demo in PAGES:
        base = small[key if in_demo or key in small else "story50"]
        ratio = _ratio(total(big[key]), total(base))
        parts = f"app {_ratio(big[key]['cpu'], base['cpu']) or 0:.2f}×"
        if cfg.db == "postgres":
            parts += f", DB {_ratio(big[key]['db'], base['db']) or 0:.1f}×"
        suffix = "" if key in small else " (vs the 50-comment story)"
        growth.append((f"{label}{suffix}", ratio, parts))
    within = all(r is not None and r <= 1.25 for _, r, _ in growth)
    return {
        "name": f"CPU per request (app + database) at {cfg.stories:,} stories vs {small_name}, every page, "
        "app cache off (≤ 1.25×)",
        "ok": within if is_target else None,
        "detail": "; ".join(
            f"{label} {r:.2f}× ({parts})" if r is not None else f"{label} n/a" for label, r, parts in growth
        ),
    }


def ratio_target(name, value, limit, at_most, detail):
    ok = value is not None and (value <= limit if at_most else value >= limit)
    shown = "n/a" if value is None else f"{value:.2f}×"
    return {"name": name, "ok": ok, "detail": f"{shown} ({'≤' if at_most else '≥'} {limit}×) {detail}"}


def _ratio(a, b):
    return a / b if a is not None and b else None


def targets_of(cfg, results, posts, rows):
    off, on, demo = results[("bench", "off")], results[("bench", "on")], results[("demo", "off")]
    found = [
        ratio_target(
            "story page (50 comments), app cache off: CPU per request vs the floor's",
            _ratio(off["story50"]["cpu"], off["floor"]["cpu"]),
            1.5,
            True,
            f"{off['story50']['cpu']:.2f} vs {off['floor']['cpu']:.2f} ms"
            + (f", and {off['story50']['db']:.1f} ms in PostgreSQL" if off["story50"]["db"] else ""),
        ),
        ratio_target(
            "story page (50 comments), app cache on: requests/s vs the floor's",
            _ratio(on["story50"]["rps"], on["floor"]["rps"]),
            5,
            False,
            f"{on['story50']['rps']:,.0f} vs {on['floor']['rps']:,.0f} req/s; CPU per request "
            f"{on['story50']['cpu']:.2f} vs {on['floor']['cpu']:.2f} ms "
            f"({_ratio(on['floor']['cpu'], on['story50']['cpu']) or 0:.1f}× less)",
        ),
        ratio_target(
            "story page through the shipped nginx proxy cache vs nginx serving a static copy",
            _ratio(on["nginx-proxy"]["rps"], on["nginx-static"]["rps"]),
            0.8,
            False,
            f"{on['nginx-proxy']['rps']:,.0f} vs {on['nginx-static']['rps']:,.0f} req/s",
        ),
    ]
    found.append(growth_target(cfg, off, demo, "demo size", True))
    if ("tenth", "off") in results:
        found.append(growth_target(cfg, off, results[("tenth", "off")], "a tenth of it", None))
    problems, details = [], []
    for cache, post in posts.items():
        if "error" in post:
            problems.append(post["error"])
            continue
        if not post["accepted"] or post["duplicates"] or post["missing"]:
            problems.append(cache)
        details.append(
            f"app cache {cache}: {len(post['accepted'])} accepted (302) of {post['posts']} sent, "
            f"{post['stored']} stored, {post['duplicates']} duplicated, {post['missing']} missing, "
            f"{post['unacknowledged']} stored without a 302, statuses {post['statuses']}"
        )
    found.append(
        {
            "name": "comment POST: every accepted comment stored once",
            "ok": not problems,
            "detail": "; ".join(details + [p for p in problems if p not in posts]),
        }
    )
    failed = [row["page"] + f" ({row['archive']}, cache {row['cache']})" for row in rows if row.get("errors")]
    found.append(
        {
            "name": "every measured response was a 200",
            "ok": not failed,
            "detail": "yes" if not failed else "errors on: " + ", ".join(failed),
        }
    )
    return found


def machine_line():
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.machine(),
    )
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
        + (
            "DB CPU ms/req: the PostgreSQL backends serving the bench database. "
            if cfg.db == "postgres"
            else "On SQLite the queries run inside gunicorn, so its CPU includes them. "
        )
        + "SQL queries: one request in-process with django.test.Client after a first one. "
        f"nginx rows: median of {NGINX_ROUNDS} rounds. `!` marks a row with non-200 responses.",
        f"Proxy cache status of the story page before its rounds: {cache_status}.",
    ]
