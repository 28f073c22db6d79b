"""Targets about the service around the pages: a worker's memory over many requests, how
soon an approved comment reaches the page through both caches, and the archive's build."""

from bench.config import BUILD_LIMIT, MEMORY_FIRST, MEMORY_TOTAL


def memory_target(memory):
    workers = memory["workers"]
    growth = [w["last_kb"] / w["first_kb"] for w in workers if w["first_kb"]]
    ok = bool(growth) and not memory["replaced"] and all(g <= 1.10 for g in growth)
    detail = "; ".join(
        f"worker {n}: {w['first_kb'] / 1024:.1f} MB after {MEMORY_FIRST:,}, "
        f"{w['last_kb'] / 1024:.1f} MB after {MEMORY_TOTAL:,} ({w['last_kb'] / w['first_kb'] - 1:+.1%})"
        for n, w in enumerate(workers, 1)
    )
    detail += f" (read at {memory['served_first']:,} and {memory['served']:,} requests served)"
    if memory["replaced"]:
        detail += f"; workers replaced: {memory['replaced']}"
    return {
        "name": f"memory: each gunicorn worker's resident size after {MEMORY_TOTAL:,} mixed requests vs "
        f"after the first {MEMORY_FIRST:,} (≤ +10%)",
        "ok": ok,
        "detail": detail,
    }


def comment_to_page_target(seen):
    name = "comment to page, both caches on: a moderator's approval to the comment on a fresh GET (< 1 s)"
    if "error" in seen:
        return {"name": name, "ok": False, "detail": seen["error"]}
    parts, ok = [], True
    for key, label in [("direct", "gunicorn (app cache)"), ("proxy", "through the nginx proxy cache")]:
        found = seen[key]
        if found.get("seconds") is None:
            ok = False
            parts.append(f"{label}: not seen within the timeout (cache status before: {found.get('before')})")
            continue
        ok = ok and found["seconds"] < 1
        parts.append(
            f"{label}: {found['seconds'] * 1000:,.0f} ms (cache status before: {found.get('before')}, "
            f"when seen: {found.get('status')})"
        )
    approving = seen.get("approve_seconds")
    counted = (
        ""
        if approving is None
        else f" (from the start of the approval, which took {approving * 1000:,.0f} ms)"
    )
    return {"name": name, "ok": ok, "detail": "; ".join(parts) + "; polled every 20 ms" + counted}


def build_target(cfg, build):
    seconds = build["seconds"]
    shown = "unknown" if seconds is None else f"{seconds / 60:.1f} min ({seconds:.0f} s)"
    detail = shown + (" (the last build; reused this run)" if build["reused"] else " (built this run)")
    return {
        "name": f"build of the {cfg.stories:,}-story archive (< {BUILD_LIMIT // 60} min at the large size)",
        "ok": (seconds is not None and seconds < BUILD_LIMIT) if cfg.size == "large" else None,
        "detail": detail,
    }
