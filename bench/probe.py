"""In-process measurements against a benchmark database, run by bench/run.py as a script
with the bench server's environment (PAGE_CACHE_SECONDS=0):

    python bench/probe.py queries /story/x/ /tag/y/ ...   SQL queries per page (JSON)
    python bench/probe.py post /story/x/                   SQL queries of one comment POST
    python bench/probe.py verify-posts PREFIX              stored comments whose text starts so

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
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
