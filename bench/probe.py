"""In-process measurements against a benchmark database, run by bench/run.py as a script
with the bench server's environment (PAGE_CACHE_SECONDS=0):

    python bench/probe.py queries /story/x/ /tag/y/ ...   SQL queries per page (JSON)
    python bench/probe.py post /story/x/                   SQL queries of one comment POST
    python bench/probe.py verify-posts PREFIX              stored comments whose text starts so
    python bench/probe.py last-page /story/x/              the path of its last page of comments
    python bench/probe.py comment-to-page /story/x/ URL... time from an approval to the page

Each prints one JSON document on stdout.
"""

import json
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

FIELD = re.compile(r'<(input|textarea|select)\b[^>]*\bname="([^"]+)"[^>]*>', re.IGNORECASE)
VALUE = re.compile(r'\bvalue="([^"]*)"')
ACTION = re.compile(r'<form class="comment-form"[^>]*\baction="([^"]+)"')


def form_fields(page):
    """The comment form's action and its fields' values, read from the story page's HTML."""
    import html

    action = ACTION.search(page)
    if not action:
        return None, {}
    form = page[action.start() : page.index("</form>", action.start())]
    fields = {}
    for match in FIELD.finditer(form):
        value = VALUE.search(match.group(0)) if match.group(1).lower() == "input" else None
        fields[match.group(2)] = html.unescape(value.group(1)) if value else ""
    return html.unescape(action.group(1)), fields


def count_queries(paths):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Story
    from comments.models import Comment

    client = Client()
    found = {"_counts": {"stories": Story.objects.count(), "comments": Comment.objects.count()}}
    for path in paths:
        client.get(path)  # the first request fills the slug -> id cache, as in a running server
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        found[path] = {
            "status": response.status_code,
            "queries": len(queries),
            "bytes": len(response.content),
        }
    return found


def post_queries(path):
    """Queries of one accepted comment POST (the comment is deleted afterwards)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from comments.models import Comment

    client = Client()
    action, fields = form_fields(client.get(path).content.decode())
    if action is None:
        return {"error": "no comment form on " + path}
    text = f"bench-probe-{time.time_ns()} A comment that counts queries."
    fields.update(name="Probe", email="probe@example.org", website="", text=text, reply_to="", phone="")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(action, fields)
    Comment.objects.filter(text=text).delete()
    return {"status": response.status_code, "queries": len(queries)}


def verify_posts(prefix, delete=False):
    from django.db.models import Count

    from comments.models import Comment

    rows = Comment.objects.filter(text__startswith=prefix)
    counts = dict(rows.values_list("text").annotate(n=Count("pk")).values_list("text", "n"))
    cleaned = False
    if delete:
        try:  # the bench's own comments; a schema newer than the bench database keeps them
            rows.delete()
            cleaned = True
        except Exception:
            pass
    return {"stored": sum(counts.values()), "texts": counts, "cleaned": cleaned}


def last_page(path):
    """The path of the story's last page of comments, found as a reader would (following
    "next" from the first page), and what the test client shows there."""
    from django.test import Client

    from articles.models import Story
    from comments.pages import story_page

    story = Story.objects.get(slug=path.strip("/").split("/")[-1])
    page, pages = story_page(story, {}), 1
    while page.has_next:
        page, pages = story_page(story, {"after": str(page.last_thread)}), pages + 1
    found = f"{path}{page.query}"
    body = Client().get(found).content.decode()
    last_id = page.rows[-1][0] if page.rows else None
    return {
        "path": found,
        "pages": pages,
        "comments": len(page.rows),
        "last_comment": last_id,
        "renders_last_comment": last_id is not None and f'id="comment-{last_id}"' in body,
    }


def comment_to_page(path, *bases, poll=0.02, timeout=120.0):
    """Approve a new reply on the story (a moderator's decision, through the moderation
    function) with both caches warm, then GET the page at each of `bases` every `poll`
    seconds until the reply is on it: the seconds from the approval to each first sight.
    The reply is deleted afterwards and the story's count and version put right."""
    import urllib.request

    from articles.models import Story
    from comments.models import Comment
    from comments.moderation import approve, recount, stories_changed

    def get(url):
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode(), response.headers.get("X-Cache-Status")

    story = Story.objects.get(slug=path.strip("/").split("/")[-1])
    # A reply to the first thread, so that it shows on the first page, the one measured.
    first = Comment.objects.approved().filter(story=story).order_by("reading_key").first()
    reply = Comment.objects.create(
        story=story, parent=first, name="Bench Moderation", email="bench@example.org",
        text="A reply the benchmark approves.", status=Comment.Status.PENDING,
    )  # fmt: skip
    marker = f'id="comment-{reply.pk}"'
    found, approve_seconds = {}, None
    try:
        for base in bases:  # both caches hold the page without the reply
            get(base + path)
            found[base] = {"before": get(base + path)[1]}
        # The worst case, and the same in every run: the proxy's copy was just refreshed.
        # (It is as old as the time since its last refresh, up to its max-age.)
        refreshed = time.monotonic()
        while any(found[base]["before"] for base in bases) and time.monotonic() - refreshed < timeout:
            statuses = {base: get(base + path)[1] for base in bases if found[base]["before"]}
            if all(status not in ("HIT", None) for status in statuses.values()):
                break
            time.sleep(poll)
        for base in bases:
            found[base]["waited_for_refresh"] = round(time.monotonic() - refreshed, 1)
            found[base]["before"] = get(base + path)[1]
        # From the moment the moderator acts: the approval, its commit and what follows it
        # in the same request (the proxy cache's refresh) count too.
        approved_at = time.monotonic()
        approve(comments=Comment.objects.filter(pk=reply.pk))
        approve_seconds = time.monotonic() - approved_at
        waiting = set(bases)
        while waiting and time.monotonic() - approved_at < timeout:
            for base in sorted(waiting):
                body, status = get(base + path)
                if marker in body:
                    found[base].update(seconds=time.monotonic() - approved_at, status=status)
                    waiting.discard(base)
            time.sleep(poll)
        for base in waiting:
            found[base].update(seconds=None, status=None)
    finally:
        Comment.objects.filter(pk=reply.pk).delete()
        recount(Story.objects.filter(pk=story.pk))
        stories_changed({story.pk})
    return {"timeout": timeout, "poll": poll, "approve_seconds": approve_seconds, "bases": found}


def main(argv):
    import django

    django.setup()
    command, args = argv[0], argv[1:]
    if command == "queries":
        result = count_queries(args)
    elif command == "post":
        result = post_queries(args[0])
    elif command == "verify-posts":
        result = verify_posts(args[0], delete="--delete" in args)
    elif command == "last-page":
        result = last_page(args[0])
    elif command == "comment-to-page":
        result = comment_to_page(args[0], *args[1:])
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
