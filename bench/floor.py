"""The framework floor: a plain Django view that renders a story-like page from data held
in memory. No database, no cache; the same middleware, context processors and template
engine as the site. Its cost is what any page of this size costs in Django here, so the
story page is measured against it.

BENCH_FLOOR_BYTES (the story page's size, set by bench/run.py) makes the page that size:
the view adds paragraphs to its in-memory story once, on the first request.
"""

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.http import HttpResponse
from django.template import engines

TEMPLATE = Path(__file__).resolve().parent / "templates" / "floor.html"
WORDS = "the border operation network seized pills officials said court sanctions report".split()


def _text(n, length):
    return " ".join(WORDS[(n + i) % len(WORDS)] for i in range(length)).capitalize() + "."


def story_data(paragraphs=12, comments=50):
    """A story with round-up items, sources, tags and `comments` comments, as plain dicts."""
    published = datetime(2023, 7, 13, 13, 0, tzinfo=UTC)
    items = [
        {
            "anchor": f"item-{n}",
            "headline": _text(n, 10),
            "source": "U.S. Department of Justice",
            "paragraphs": [],
        }
        for n in range(3)
    ]
    for n in range(paragraphs):
        items[n % 3]["paragraphs"].append(" ".join(_text(n + k, 14) for k in range(4)))
    listed = []
    for n in range(comments):
        parent = listed[n - 1] if n % 4 == 3 else None
        listed.append(
            {
                "pk": 1000 + n,
                "name": f"Reader {n}",
                "website": "https://example.org/" if n % 5 == 0 else "",
                "created_at": published + timedelta(hours=n),
                "parent": parent,
                "excerpt": _text(n, 8),
                "text_html": f"<p>{_text(n, 40)}</p>",
            }
        )
    return {
        "story": {
            "headline": _text(1, 12),
            "standfirst": _text(2, 30),
            "published_at": published,
            "authors": [{"slug": "vmateoszuniga", "name": "vmateoszuniga"}],
            "items": items,
            "sources": [{"title": _text(n, 9), "outlet": "El Universal", "language": "es"} for n in range(8)],
            "tags": [{"slug": f"tag-{n}", "name": f"Tag {n}"} for n in range(5)],
        },
        "comments": listed,
        "sections": [{"slug": f"section-{n}", "name": f"Section {n}"} for n in range(4)],
    }


_state = {}


def _prepared(request):
    """The template and the data, sized once to BENCH_FLOOR_BYTES."""
    if not _state:
        template = engines["django"].from_string(TEMPLATE.read_text())
        target = int(os.environ.get("BENCH_FLOOR_BYTES", "0"))
        size = lambda n: len(template.render(story_data(n), request).encode())  # noqa: E731
        paragraphs = 12
        if target:
            base, per_paragraph = size(12), max(1, (size(24) - size(12)) / 12)
            paragraphs = max(0, 12 + round((target - base) / per_paragraph))
        data = story_data(paragraphs)
        _state.update(template=template, data=data)
    return _state["template"], _state["data"]


def floor(request):
    template, data = _prepared(request)
    return HttpResponse(template.render(data, request))
