"""What is measured on served bench databases: rounds of wrk over pages, comment POSTs, and
the workers' memory."""

import itertools
import statistics
import threading

from bench import procs
from bench.config import BENCH_DIR, MEMORY_FIRST, MEMORY_TOTAL, NGINX_ROUNDS, POST_PATH
from bench.databases import probe
from bench.load import StatsdCounter, post_comments, run_wrk
from bench.session import http_get


def median_of(rounds):
    merged = {"errors": sum(r["errors"] for r in rounds)}
    for key in ("rps", "p50", "p99", "cpu", "db"):
        values = [r[key] for r in rounds if r.get(key) is not None]
        merged[key] = statistics.median(values) if values else None
    return merged


def run_rounds(cfg, session, targets):
    """Warm every target, then `rounds` rounds over all of them, in a rotating order."""
    return run_rounds_together(cfg, [(None, session, targets)])[None]


def run_rounds_together(cfg, groups):
    """`run_rounds` for several sessions served at once ((label, session, targets) each):
    their targets take turns, page by page, so that the machine's drift over the minutes of
    a run weighs on every session alike. {label: {key: medians}}."""
    turns = [
        (label, session, target)
        for at in range(max(len(targets) for _, _, targets in groups))
        for label, session, targets in groups
        if at < len(targets)
        for target in [targets[at]]
    ]
    for _label, _session, (_key, base, path, _kind) in turns:
        status, _, _ = http_get(base + path)
        if status != 200:
            raise RuntimeError(f"{base}{path} answered {status}, not 200")
        run_wrk(procs.find_tool("wrk"), base + path, seconds=1, connections=cfg.connections, threads=2)
    rounds = {(label, target[0]): [] for label, _, target in turns}
    # nginx's rows are short and the noisiest (wrk shares the two cores): more rounds for them.
    for number in range(max(cfg.rounds, NGINX_ROUNDS)):
        order = turns[number % len(turns) :] + turns[: number % len(turns)]
        for label, session, (key, base, path, kind) in order:
            if number < cfg.rounds or kind != "gunicorn":
                rounds[(label, key)].append(session.measure(base, path, kind))
    found = {label: {} for label, _, _ in groups}
    for (label, key), measured in rounds.items():
        found[label][key] = median_of(measured)
    return found


def measure_posts(cfg, session, label, seconds=10, threads=8):
    prefix = f"bench-post-{cfg.run_id}-{label}"
    before = session.gunicorn_cpu(), session.db_cpu(), session.statsd.snapshot()
    found = post_comments(session.base, POST_PATH, seconds=seconds, threads=threads, prefix=prefix)
    procs.wait_idle(
        lambda: (session.gunicorn_cpu(), session.db_cpu(), session.statsd.snapshot()["gunicorn.requests"])
    )
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


def _drive(base, paths, count, threads):
    """GET `count` requests from `threads` clients, each taking the next path of the
    rotation; returns the statuses."""
    rotation, lock, statuses = itertools.cycle(paths), threading.Lock(), {}
    left = [count]

    def client():
        while True:
            with lock:
                if left[0] <= 0:
                    return
                left[0] -= 1
                path = next(rotation)
            status = http_get(base + path)[0]
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return statuses


class MemoryWatch:
    """Each gunicorn worker's resident size after the first MEMORY_FIRST requests of a
    session and after MEMORY_TOTAL. The session is started with worker recycling off (the
    shipped configuration replaces a worker after GUNICORN_MAX_REQUESTS requests). `first`
    drives the pages in rotation up to MEMORY_FIRST; the session's own measurements come
    next; `last` tops them up with wrk over the pages in rotation to MEMORY_TOTAL."""

    def __init__(self, session, paths):
        self.session, self.paths = session, paths
        self.started = session.statsd.snapshot()["gunicorn.requests"]
        self.workers = procs.children(session.gunicorn.pid)
        self.statuses = {}

    def served(self):
        return self.session.statsd.snapshot()["gunicorn.requests"] - self.started

    def first(self):
        self.statuses = _drive(self.session.base, self.paths, MEMORY_FIRST - self.served(), 8)
        self.served_first = self.served()
        self.first_kb = {pid: procs.resident_kb(pid) for pid in self.workers}

    def last(self, cfg):
        script = BENCH_DIR / "rotation.lua"
        script.write_text(
            "local paths = {" + ", ".join(f'"{path}"' for path in self.paths) + "}\n"
            "local i = 0\n"
            "request = function()\n  i = i + 1\n  return wrk.format(nil, paths[(i % #paths) + 1])\nend\n"
        )
        wrk = procs.find_tool("wrk")
        while (left := MEMORY_TOTAL - self.served()) > 0:
            # Short rounds, so that the total is passed by little.
            seconds = max(1, min(5, left // 200))
            run_wrk(wrk, self.session.base + "/", seconds=seconds, connections=cfg.connections, threads=2,
                    script=script)  # fmt: skip
            procs.wait_idle(self.served)
        last_kb = {pid: procs.resident_kb(pid) for pid in self.workers}
        return {
            "workers": [
                {"pid": pid, "first_kb": self.first_kb[pid], "last_kb": last_kb[pid]}
                for pid in self.workers
                if self.first_kb.get(pid) is not None and last_kb[pid] is not None
            ],
            "replaced": sorted(set(procs.children(self.session.gunicorn.pid)) - set(self.workers)),
            "served_first": self.served_first,
            "served": self.served(),
        }
