"""Load and faults, with nothing lost: `make faults` (or .venv/bin/python bench/faults.py).

Runs the site under gunicorn against a PostgreSQL server and a Redis server of its own
(started here, on spare ports, so the machine's services are never touched: see
bench/fault_servers.py), then:

1. load: 16 concurrent clients post comments for 30 s; every comment answered 302 must be
   in the database exactly once and no answer may be a 5xx. Moderator notifications go
   to an SMTP port that refuses connections, so a dead mail server is part of the run;
2. the rate limiter under the same concurrency: with a limit of 20, exactly 20 of the
   posts from one address are accepted;
3. Redis stopped: stories are still served and comments still accepted;
4. PostgreSQL stopped: readers get a 503 page in the site's look, and the site recovers
   by itself when PostgreSQL is back;
5. two app servers behind nginx's upstream, sharing PostgreSQL and Redis (bench/two_servers.py).

Prints the figures and exits 1 on any loss, duplicate, 5xx or failed expectation.
Options: FAULTS_SECONDS (30), FAULTS_CLIENTS (16), FAULTS_ONLY=two-servers (scenario 5 alone).
"""

import os
import re
import shutil
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fault_servers import (  # noqa: E402
    APP_PORT,
    PG_BIN,
    PG_PORT,
    PYTHON,
    REDIS_PORT,
    WORK,
    App,
    request,
    run,
    start_postgres,
    start_redis,
    stop_postgres,
    stop_redis,
    wait_for,
)

SECONDS = int(os.environ.get("FAULTS_SECONDS", 30))
CLIENTS = int(os.environ.get("FAULTS_CLIENTS", 16))
STORY = "/story/joint-us-mexico-operation-dismantles-nogales-fentanyl-network/"


def comment_form(page):
    """The action and fields of the story page's comment form."""
    action = re.search(r'<form class="comment-form"[^>]*action="([^"]+)"', page).group(1)
    form = page.split('class="comment-form"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
    return action, fields


def post_comment(action, fields, text, email):
    data = {**fields, "name": "Load Tester", "email": email, "website": "", "text": text, "subject": ""}
    body = urllib.parse.urlencode(data)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://127.0.0.1:{APP_PORT}",
        "Sec-Fetch-Site": "same-origin",
    }
    return request("POST", action, body, headers)[0]


def hammer(action, fields, label, seconds=None, total=None):
    """Post from CLIENTS threads; return {text: status}."""
    results, lock, stop_at = {}, threading.Lock(), time.time() + (seconds or 3600)
    counter = iter(range(10**9))

    def worker(n):
        while time.time() < stop_at:
            with lock:
                i = next(counter)
                if total is not None and i >= total:
                    return
            text = f"{label} comment {n}-{i}: the figures in this story deserve a closer look."
            try:
                status = post_comment(action, fields, text, f"reader{n}@example.org")
            except OSError as error:
                status = f"error: {error.__class__.__name__}"
            with lock:
                results[text] = status

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def stored_texts(label):
    code = (
        "import django, os, json; "
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE','newsroom.settings'); django.setup();"
        "from comments.models import Comment;"
        f"texts = Comment.objects.filter(text__startswith={label!r}).values_list('text', flat=True);"
        "print(json.dumps(list(texts)))"
    )
    import json

    return json.loads(run(PYTHON, "-c", code).stdout)


def check_no_loss(label, results):
    accepted = [text for text, status in results.items() if status == 302]
    stored = stored_texts(label)
    counts = {text: stored.count(text) for text in set(stored)}
    missing = [text for text in accepted if counts.get(text, 0) == 0]
    duplicates = [text for text, n in counts.items() if n > 1]
    server_errors = [s for s in results.values() if not isinstance(s, int) or s >= 500]
    return {
        "sent": len(results),
        "accepted": len(accepted),
        "stored": len(stored),
        "missing": len(missing),
        "duplicates": len(duplicates),
        "5xx/errors": len(server_errors),
    }


def main():
    for tool in ("redis-server", "redis-cli", str(PG_BIN / "initdb")):
        if not shutil.which(tool) and not Path(tool).exists():
            sys.exit(f"{tool} is needed (PostgreSQL and Redis server packages).")
    WORK.mkdir(parents=True, exist_ok=True)
    failures, rows = [], []
    start_redis()
    start_postgres()
    try:
        run(
            "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            "newsroom_faults",
            check=False,
        )
        run(PYTHON, "manage.py", "migrate", "--no-input", "-v0")
        run(PYTHON, "manage.py", "load_demo")
        run(PYTHON, "manage.py", "collectstatic", "--no-input", "-v0")
        started = time.time()
        if os.environ.get("FAULTS_ONLY") == "two-servers":
            return _two_servers_only(rows, failures)

        app = App()
        action, fields = comment_form(request("GET", STORY)[1])
        figures = check_no_loss("load", hammer(action, fields, "load", seconds=SECONDS))
        elapsed = time.time() - started
        rows.append(("1. load, dead mail server", figures))
        if figures["missing"] or figures["duplicates"] or figures["5xx/errors"] or not figures["accepted"]:
            failures.append("comments were lost, duplicated or answered with an error under load")
        app.stop()

        app = App(COMMENTS_RATE_LIMIT=20)
        run("redis-cli", "-p", str(REDIS_PORT), "flushall")
        action, fields = comment_form(request("GET", STORY)[1])
        limited = hammer(action, fields, "limit", total=120)
        accepted = sum(1 for s in limited.values() if s == 302)
        refused = sum(1 for s in limited.values() if s == 429)
        rows.append(
            ("2. rate limit 20, concurrent", {"sent": len(limited), "accepted": accepted, "429": refused})
        )
        if accepted != 20 or refused != len(limited) - 20:
            failures.append(f"the rate limiter let {accepted} of {len(limited)} through instead of 20")
        app.stop()

        app = App()
        action, fields = comment_form(request("GET", STORY)[1])
        stop_redis()
        pages = [request("GET", STORY)[0] for _ in range(10)]
        posts = hammer(action, fields, "redis-down", total=40)
        figures = check_no_loss("redis-down", posts)
        rows.append(("3. Redis stopped", {"story pages 200": pages.count(200), **figures}))
        if pages.count(200) != 10 or figures["accepted"] != 40 or figures["missing"] or figures["5xx/errors"]:
            failures.append("with Redis stopped, stories or comments failed")
        start_redis()

        stop_postgres()
        status, body = request("GET", "/search/?q=fentanyl")
        look = 'class="site-header"' in body and "Traceback" not in body
        down_at = time.time()
        start_postgres()
        recovered = wait_for(lambda: request("GET", "/search/?q=sanctions")[0] == 200, seconds=60)
        rows.append(
            (
                "4. PostgreSQL stopped",
                {
                    "status": status,
                    "site look": look,
                    "recovered": recovered,
                    "recovery s": round(time.time() - down_at, 1),
                },
            )
        )
        if status != 503 or not look or not recovered:
            failures.append(
                "with PostgreSQL stopped, readers did not get the 503 page, or the site did not recover"
            )
        app.stop()

        import two_servers

        two_servers.scenario(rows, failures)
    finally:
        stop_redis()
        stop_postgres()

    print(f"\nLoad and faults ({CLIENTS} clients, {SECONDS} s of load, load phase {elapsed:.0f} s)\n")
    return report(rows, failures)


def report(rows, failures):
    for name, figures in rows:
        print(f"{name:<32} " + "  ".join(f"{k}={v}" for k, v in figures.items()))
    print("\nRESULT:", "FAIL\n- " + "\n- ".join(failures) if failures else "PASS: nothing lost")
    return 1 if failures else 0


def _two_servers_only(rows, failures):
    import two_servers

    two_servers.scenario(rows, failures)
    print(f"\nTwo app servers behind nginx ({CLIENTS} clients)\n")
    return report(rows, failures)


if __name__ == "__main__":
    sys.exit(main())
