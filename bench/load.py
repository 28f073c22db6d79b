"""Load for the benchmark: wrk for pages, a small threaded client for comment POSTs, and a
statsd listener that counts the requests gunicorn actually served."""

import http.client
import re
import socket
import statistics
import subprocess
import threading
import time
from collections import Counter
from urllib.parse import urlencode, urlsplit

from bench.probe import form_fields

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def parse_wrk(output):
    """Requests/s, p50 and p99 (ms), completed requests and failures from `wrk --latency`."""
    found = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
    }
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    found["non_2xx"] = int(bad.group(1)) if bad else 0
    # Read errors are the sync workers closing each connection; only timeouts are failures.
    found["timeouts"] = int(sockets.group(4)) if sockets else 0
    return found


def run_wrk(wrk, url, *, seconds, connections, threads, script=None):
    result = subprocess.run(
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency"]
        + (["--script", str(script)] if script else [])
        + [url],
        capture_output=True,
        text=True,
        check=True,
    )
    return parse_wrk(result.stdout)


class StatsdCounter:
    """Listens for gunicorn's statsd packets: requests served, by status."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 * 1024 * 1024)
        self.sock.bind(("127.0.0.1", 0))
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.counts, self.lock = Counter(), threading.Lock()
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self):
        while True:
            data = self.sock.recv(65536).decode(errors="replace")
            for line in data.splitlines():
                name = line.split(":", 1)[0]
                if name == "gunicorn.requests" or name.startswith("gunicorn.request.status."):
                    with self.lock:
                        self.counts[name] += 1

    def snapshot(self):
        with self.lock:
            return Counter(self.counts)

    @staticmethod
    def served(before, after):
        """Requests served between two snapshots, and how many of them were not 200."""
        diff = after - before
        total = diff["gunicorn.requests"]
        return total, total - diff["gunicorn.request.status.200"]


def _request(base, method, path, body=None, headers=None):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def post_comments(base, story_path, *, seconds, threads, prefix):
    """Post unique comments for `seconds` from `threads` threads; each fetches the story's
    form once, then posts again and again. Returns the accepted texts and the figures."""
    accepted, statuses, latencies, lock = [], Counter(), [], threading.Lock()
    status, page = _request(base, "GET", story_path)
    action, fields = form_fields(page.decode()) if status == 200 else (None, {})
    if action is None:
        return {"error": f"no comment form on {story_path} (status {status})"}
    deadline = time.monotonic() + seconds
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": base}

    def client(number):
        _, own_page = _request(base, "GET", story_path)
        own_action, own_fields = form_fields(own_page.decode())
        sent = 0
        while time.monotonic() < deadline:
            text = f"{prefix}-{number}-{sent} A reader's comment on the story, sent by the benchmark."
            form = {
                **own_fields,
                "name": f"Reader {number}",
                "email": f"reader{number}@example.org",
                "website": "",
                "text": text,
                "reply_to": "",
                "phone": "",
            }
            began = time.perf_counter()
            code, _ = _request(base, "POST", own_action, urlencode(form), headers)
            took = (time.perf_counter() - began) * 1000
            with lock:
                statuses[code] += 1
                latencies.append(took)
                if code == 302:
                    accepted.append(text)
            sent += 1

    began = time.monotonic()
    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    return {
        "accepted": accepted,
        "statuses": dict(statuses),
        "posts": sum(statuses.values()),
        "rps": len(accepted) / elapsed if elapsed else 0.0,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0.0,
    }
