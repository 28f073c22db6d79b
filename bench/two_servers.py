"""`make faults`, scenario 5: two app servers behind nginx's `upstream`, sharing PostgreSQL,
Redis (and the S3 server, when moto is installed).

- comment posts spread over both servers: every accepted comment is stored once;
- the rate limit counts across both (one address, limit 20: exactly 20 accepted);
- a moderator approves on server A; seconds until server B's story page shows it;
- server A is killed mid-load: nginx retries reads on B (`proxy_next_upstream`), posts are
  never retried (a failed one is reported, not duplicated), and nothing accepted is lost.
"""

import os
import re
import shutil
import threading
import time
import urllib.parse

import faults
from upstream import Gunicorn, fetch, free_port, start_nginx, start_s3

from bench import fault_servers

RATE_LIMIT = 20
# Texts and addresses differ from run to run: the faults database is kept between runs, and
# the duplicate rule would refuse a text stored by an earlier run.
RUN = f"(run {int(time.time())})"


class Poster:
    """Posts comments through nginx, each from the address it is given."""

    def __init__(self, port):
        self.port = port
        _, _, page = fetch(port, "GET", faults.STORY)
        self.action, self.fields = faults.comment_form(page)

    def post(self, text, address):
        data = {**self.fields, "name": "Load Tester", "email": "reader@example.org", "website": ""}
        body = urllib.parse.urlencode({**data, "text": text, "subject": ""})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://127.0.0.1:{self.port}",
            "Sec-Fetch-Site": "same-origin",
            "X-Forwarded-For": address,
        }
        try:
            status, response_headers, _ = fetch(self.port, "POST", self.action, body, headers)
            return status, response_headers.get("X-Upstream", "")
        except OSError as error:
            return f"error: {error.__class__.__name__}", ""


def load(poster, label, *, seconds=None, total=None, same_address=False, readers=0, during=None):
    """Posts from faults.CLIENTS threads (and `readers` threads reading the story page).
    Returns ({text: status}, {upstream: posts}, [read statuses])."""
    results, upstreams, reads, lock = {}, {}, [], threading.Lock()
    stop_at, counter = time.time() + (seconds or 3600), iter(range(10**9))

    def writer(n):
        while time.time() < stop_at:
            with lock:
                i = next(counter)
            if total is not None and i >= total:
                return
            text = f"{label} comment {n}-{i}: two servers, one story, every word kept."
            address = "203.0.113.9" if same_address else f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}"
            status, upstream = poster.post(text, address)
            with lock:
                results[text] = status
                upstreams[upstream] = upstreams.get(upstream, 0) + 1

    def reader():
        while time.time() < stop_at and (total is None or len(results) < total):
            try:
                status = fetch(poster.port, "GET", faults.STORY)[0]
            except OSError as error:
                status = f"error: {error.__class__.__name__}"
            with lock:
                reads.append(status)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(faults.CLIENTS)]
    threads += [threading.Thread(target=reader) for _ in range(readers)]
    for thread in threads:
        thread.start()
    if during:
        during()
    for thread in threads:
        thread.join()
    return results, upstreams, reads


class Moderator:
    """The demo moderator, signed in to one app server's admin (cookies kept by hand)."""

    CHANGELIST = "/admin/comments/comment/"

    def __init__(self, port):
        self.port, self.cookies = port, {}
        _, _, page = self.request("GET", "/admin/login/")
        credentials = {
            "username": "moderator",
            "password": fault_servers.ENV["DEMO_PASSWORD"],
            "next": "/admin/",
        }
        status, _, _ = self.request(
            "POST", "/admin/login/", {**credentials, "csrfmiddlewaretoken": csrf(page)}
        )
        if status != 302:
            raise RuntimeError(f"the moderator could not sign in (status {status})")

    def request(self, method, path, data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://127.0.0.1:{self.port}",
            }
        status, response_headers, text = fetch(self.port, method, path, body, headers)
        for cookie in response_headers.get_all("Set-Cookie") or []:
            name, value = cookie.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return status, response_headers, text

    def approve(self, pk):
        _, _, page = self.request("GET", self.CHANGELIST + "?status=pending")
        data = {"action": "approve_selected", "_selected_action": [pk], "csrfmiddlewaretoken": csrf(page)}
        return self.request("POST", self.CHANGELIST + "?status=pending", data)[0]


def _media_state(s3, env):
    """Whether both servers kept their media on the shared S3 server, or why that part was skipped."""
    if not s3:
        return "skipped (moto is not installed)"
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','newsroom.settings');"
        "django.setup(); from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    )
    backend = fault_servers.run(fault_servers.PYTHON, "-c", code, env=env).stdout.strip()
    if "s3" not in backend.lower():
        return "skipped (these settings do not read MEDIA_STORAGE=s3)"
    return f"shared ({backend})"


def csrf(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def comment_pk(text):
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','newsroom.settings');"
        f"django.setup(); from comments.models import Comment; print(Comment.objects.get(text={text!r}).pk)"
    )
    return int(fault_servers.run(fault_servers.PYTHON, "-c", code).stdout)


def scenario(rows, failures):
    """Scenario 5; appends its rows and failures."""
    if not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")):
        failures.append("nginx is needed for the two-server scenario (apt-get install nginx)")
        return
    s3, s3_env = start_s3()
    listen, port_a, port_b = free_port(), free_port(), free_port()
    env = {
        **fault_servers.ENV,
        **s3_env,
        "SITE_URL": f"http://127.0.0.1:{listen}",
        "COMMENTS_RATE_LIMIT": str(RATE_LIMIT),
        "TRUSTED_PROXY_COUNT": "2",  # nginx's own entry, and the client address before it
        "STAFF_REQUIRE_SECOND_FACTOR": "false",
        "STAFF_NEW_DEVICE_EMAIL": "false",
    }
    servers = {port_a: Gunicorn(port_a, env), port_b: Gunicorn(port_b, env)}
    nginx = start_nginx(listen, servers)
    try:
        for port in (port_a, port_b, listen):
            if not fault_servers.wait_for(lambda port=port: fetch(port, "GET", "/")[0] == 200):
                failures.append(f"a server of the two-server scenario did not start (port {port})")
                return
        name = {f"127.0.0.1:{port_a}": "A", f"127.0.0.1:{port_b}": "B"}
        fault_servers.run("redis-cli", "-p", str(fault_servers.REDIS_PORT), "flushall")
        poster = Poster(listen)
        _spread(poster, name, rows, failures)
        _shared_limit(poster, rows, failures)
        _approval(poster, port_a, port_b, rows, failures)
        _kill_one(poster, servers[port_a], name, rows, failures)
        rows.append(("5e. media on a shared S3 server", {"media": _media_state(s3, env)}))
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        for server in servers.values():
            server.stop()
        if s3:
            s3.stop()


def _spread(poster, name, rows, failures):
    results, upstreams, _ = load(poster, f"spread {RUN}", seconds=min(faults.SECONDS, 10))
    figures = faults.check_no_loss(f"spread {RUN}", results)
    per_server = {f"on {name.get(u, u or '?')}": n for u, n in sorted(upstreams.items())}
    rows.append(("5a. two servers, posts spread", {**figures, **per_server}))
    if figures["missing"] or figures["duplicates"] or figures["5xx/errors"] or len(per_server) < 2:
        failures.append("with two servers, posts were lost, duplicated, failed or not spread over both")


def _shared_limit(poster, rows, failures):
    results, upstreams, _ = load(poster, f"shared-limit {RUN}", total=120, same_address=True)
    accepted = sum(1 for s in results.values() if s == 302)
    refused = sum(1 for s in results.values() if s == 429)
    rows.append(
        (
            f"5b. rate limit {RATE_LIMIT}, two servers",
            {"sent": len(results), "accepted": accepted, "429": refused, "servers": len(upstreams)},
        )
    )
    if accepted != RATE_LIMIT or refused != len(results) - RATE_LIMIT:
        failures.append(f"across two servers the rate limiter let {accepted} posts through, not {RATE_LIMIT}")


def _approval(poster, port_a, port_b, rows, failures):
    text = f"Approval probe, {RUN}: a moderator on server A, a reader on server B."
    poster.post(text, "198.51.100.7")
    pk = comment_pk(text)
    before = text in fetch(port_b, "GET", faults.STORY)[2]
    status = Moderator(port_a).approve(pk)
    approved_at = time.time()
    shown = fault_servers.wait_for(lambda: text in fetch(port_b, "GET", faults.STORY)[2], seconds=10)
    seconds = round(time.time() - approved_at, 2)
    rows.append(
        ("5c. approve on A, read on B", {"approval": status, "shown on B": shown, "after s": seconds})
    )
    if before or status != 302 or not shown or seconds > 1:
        failures.append(f"an approval on server A took {seconds} s to show on server B (or never did)")


def _kill_one(poster, victim, name, rows, failures):
    def kill_a():
        time.sleep(3)
        victim.kill()

    results, upstreams, reads = load(poster, f"kill {RUN}", seconds=8, readers=4, during=kill_a)
    figures = faults.check_no_loss(f"kill {RUN}", results)
    failed = [text for text, status in results.items() if status != 302]
    stored = set(faults.stored_texts(f"kill {RUN}"))
    reads_ok = reads.count(200)
    rows.append(
        (
            "5d. server A killed mid-load",
            {
                "posts": figures["sent"],
                "accepted": figures["accepted"],
                "failed (reported)": len(failed),
                "of those stored": sum(1 for t in failed if t in stored),
                "missing": figures["missing"],
                "duplicates": figures["duplicates"],
                "reads 200": f"{reads_ok}/{len(reads)}",
            },
        )
    )
    if figures["missing"] or figures["duplicates"] or reads_ok != len(reads):
        failures.append("killing one of two servers lost or duplicated a comment, or failed a read")
