"""Benchmark of the moderation queue: 200,000 comments in PostgreSQL, the admin pages timed.

    .venv/bin/python bench/moderation_queue.py [--comments 200000] [--runs 15] [--reseed]

It creates the database `newsroom_queue_bench` (DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/newsroom_queue_bench) when missing, migrates it, seeds it
once (again with --reseed): 500 stories and the comments, about 10% pending, with IP hashes
and emails that repeat, some held by a rule, and a moderation record for every decided
comment. Then it logs in as a moderator with Django's test Client and requests each view
`--runs` times after one warm-up, printing the median time and the number of SQL queries,
and EXPLAIN ANALYZE of the queue's main queries, to show which index serves each.
"""

import argparse
import os
import random
import statistics
import sys
import time
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsroom_queue_bench"
BATCH = 10_000
STORIES = 500
WORDS = (
    "border cartel sanctions court ruling congress migration trade tariff customs arrest seizure "
    "prosecutor governor election reform police security policy report violence economy peso "
    "investment shipment official minister embassy statement hearing budget community highway"
).split()


def main():
    args = parse_args()
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    create_database(database_url)
    setup_django(database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seed(args.comments, reseed=args.reseed)
    measure(args.runs)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=15, help="timed requests per view (after one warm-up)")
    parser.add_argument("--reseed", action="store_true", help="delete the seeded data and seed again")
    return parser.parse_args()


def create_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not parts.scheme.startswith("postgres"):
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL to a postgres:// address.")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}.")


def setup_django(database_url):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL=database_url,
        SECRET_KEY=os.environ.get("SECRET_KEY", "moderation-queue-benchmark-only"),
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("DEBUG", None)  # measured as in production
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
    import django

    django.setup()
    from django.conf import settings

    # Not setup_test_environment(): its template instrumentation would be timed too.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip


def seed(total, *, reseed):
    from django.db import connection, transaction
    from django.db.models import Max

    from articles.models import Category, Story
    from comments.models import Comment, ModerationRecord

    if reseed:
        with transaction.atomic():
            ModerationRecord.objects.all().delete()
            Comment.objects.all().delete()
            Story.objects.filter(slug__startswith="queue-bench-").delete()
    if Comment.objects.count() >= total:
        print(f"Using the {Comment.objects.count():,} comments already seeded (--reseed to start again).")
        return
    began = time.monotonic()
    rng = random.Random(20261128)
    category, _ = Category.objects.get_or_create(slug="queue-bench", defaults={"name": "Queue bench"})
    now = time_now()
    Story.objects.bulk_create(
        Story(
            headline=f"Story {n}: {' '.join(rng.choices(WORDS, k=6))}", slug=f"queue-bench-{n}",
            status="published", published_at=now - timedelta(days=n), primary_category=category,
            body="<p>Benchmark story.</p>",
        )
        for n in range(STORIES)
    )  # fmt: skip
    story_ids = list(Story.objects.filter(slug__startswith="queue-bench-").values_list("pk", flat=True))
    first_id = (Comment.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    with transaction.atomic():
        for start in range(0, total, BATCH):
            count = min(BATCH, total - start)
            Comment.objects.bulk_create(make_comments(rng, story_ids, first_id, start, count, total, now))
        records = seed_records()
        with connection.cursor() as cursor:  # explicit ids were given: move the sequence past them
            cursor.execute("SELECT setval(pg_get_serial_sequence('comments_comment', 'id'), MAX(id)) "
                           "FROM comments_comment")  # fmt: skip
    # As autovacuum would in production: statistics, and the visibility map for index-only scans.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"Seeded {total:,} comments on {STORIES} stories and {records:,} moderation records "
          f"in {time.monotonic() - began:.0f} s.")  # fmt: skip


def time_now():
    from django.utils import timezone

    return timezone.now()


def make_comments(rng, story_ids, first_id, start, count, total, now):
    """Comments a few minutes apart, newest last. Commenters (IP hash and email) come back:
    30% of the comments are from 200 regulars, the rest from 20,000 occasional readers."""
    from comments.models import Comment

    made = []
    for n in range(start, start + count):
        roll = rng.random()
        status = (
            "pending" if roll < 0.10 else "approved" if roll < 0.85 else "spam" if roll < 0.96 else "removed"
        )
        who = rng.randrange(200) if rng.random() < 0.3 else 200 + rng.randrange(20_000)
        held = rng.random()
        rule = (
            ""
            if held < 0.7
            else "links"
            if held < 0.85
            else "hold_words"
            if status == "pending"
            else "spam_words"
        )
        text = " ".join(rng.choices(WORDS, k=rng.randint(12, 60))).capitalize() + "."
        if rng.random() < 0.002:
            text += " What about Nogales?"  # a rare word for the search
        when = now - timedelta(seconds=(total - n) * 150 + rng.randint(0, 100))
        made.append(Comment(
            id=first_id + n, thread_id=first_id + n, story_id=rng.choice(story_ids),
            name=f"Reader {who}", email=f"reader{who}@example.org",
            ip_hash=f"{who * 7919:064x}", user_agent="bench", text=text, text_html=f"<p>{text}</p>",
            status=status, held_rule=rule, held_detail=f"bench rule {rule}" if rule else "",
            link_count=3 if rule == "links" else 0, created_at=when, status_changed_at=when,
        ))  # fmt: skip
    return made


def seed_records():
    """One record per decided comment, as the moderation functions would have written."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO comments_moderationrecord (comment_id, comment_number, by_name, at, action, "
            "from_status, to_status, note) SELECT id, id, 'bench-moderator', status_changed_at, 'status', "
            "'pending', status, '' FROM comments_comment WHERE status <> 'pending'"
        )
        return cursor.rowcount


def moderator_client():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    user, created = get_user_model().objects.get_or_create(
        username="bench-moderator", defaults={"is_staff": True, "email": "bench@news.example"}
    )
    if created:
        user.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(user)
    return client


def views():
    from django.urls import reverse

    from comments.models import Comment

    queue = reverse("admin:comments_comment_changelist")
    busy_email = (
        Comment.objects.pending().values_list("email", flat=True).order_by("-created_at").first()
        or "x@example.org"
    )
    busy_story = Comment.objects.pending().values_list("story_id", flat=True).order_by("-created_at").first()
    some = Comment.objects.pending().order_by("-created_at").first()
    return [
        ("queue: pending, newest first", queue),
        ("held by the link rule", f"{queue}?held=links"),
        ("search by an email address", f"{queue}?q={busy_email}"),
        ("page 50 of the queue", f"{queue}?p=50"),
        ("one story's pending comments", f"{queue}?story={busy_story}"),
        ("all statuses (200k rows)", f"{queue}?status=all"),
        ("approved, past 7 days", f"{queue}?status=approved&{past_week()}"),
        ("search: a word in most comments", f"{queue}?q=embassy"),
        ("search: a word in 0.2% of them", f"{queue}?q=Nogales"),
        ("a comment's change page", reverse("admin:comments_comment_change", args=[some.pk])),
        ("audit trail list", reverse("admin:comments_moderationrecord_changelist")),
        ("admin index (pending counter)", reverse("admin:index")),
    ]


def past_week():
    """The parameters of the date filter's "Past 7 days" link."""
    from urllib.parse import urlencode

    from django.utils import timezone

    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    since, until = today - timedelta(days=7), today + timedelta(days=1)
    return urlencode({"created_at__gte": str(since), "created_at__lt": str(until)})


def measure(runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = moderator_client()
    print(f"\n{runs} requests per view after a warm-up; 'SQL ms' is the time spent in the database.")
    print(f"\n{'view':<34} {'median ms':>10} {'min ms':>8} {'SQL ms':>8} {'queries':>8}")
    main_queries = {}
    for label, url in views():
        response = client.get(url)  # warm-up: the pending count's cache, PostgreSQL's buffers
        assert response.status_code == 200, (url, response.status_code)
        times, sql_times = [], []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            sql_times.append(sum(float(q["time"]) for q in captured) * 1000)
        median, fastest, sql = statistics.median(times), min(times), statistics.median(sql_times)
        print(f"{label:<34} {median:>10.1f} {fastest:>8.1f} {sql:>8.1f} {len(captured):>8}")
        main_queries[label] = [q["sql"] for q in captured]
    explain(main_queries["queue: pending, newest first"], "the default queue")
    explain(main_queries["held by the link rule"], "the held-reason filter", only_results=True)
    explain(main_queries["search by an email address"], "the email search", only_results=True)


def explain(queries, title, only_results=False):
    """EXPLAIN ANALYZE of the page's comment queries (results; and count, history, filter)."""
    from django.db import connection

    wanted = [q for q in queries if "comments_comment" in q and "django_session" not in q]
    if only_results:
        wanted = [q for q in wanted if q.startswith('SELECT "comments_comment"."id",')]
    print(f"\nEXPLAIN ANALYZE, {title}:")
    with connection.cursor() as cursor:
        for sql in wanted:
            cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) {sql}")
            plan = [row[0] for row in cursor.fetchall()]
            print(f"\n  {shorten(sql)}")
            for line in plan:
                print(f"    {line}")


def shorten(sql, width=150):
    sql = " ".join(sql.split())
    return sql if len(sql) <= width else sql[: width - 3] + "..."


if __name__ == "__main__":
    main()
