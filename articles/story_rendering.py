"""A public story's article and structured data, rendered once and stored.

The story page shows a public story's article (breadcrumbs, header, picture, notices, body,
round-up items, sources with their archived copies, tags) and its JSON-LD from
`StoryRendering`, so a page view costs one row instead of the queries and template work
behind them. Every write to what they show marks the rendering stale in the same
transaction (`StoryRendering.objects.mark_stale`: Story.save, the content signals in
signals.py, the ledger), and the next view renders it again from the primary and stores it,
but only if no write came in between: the store is conditional on the revision it read.

`signature()` names what else the output depends on: the templates, the translations, the
static manifest and the site's settings. A deploy that changes any of them makes every
stored rendering stale without a command; `manage.py render_stories` renders them all ahead
of the readers.

The comment count is the one input left out of the stored JSON-LD: the page adds the story's
`comment_count` column, which the moderation functions keep.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import router
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from articles.models import Story, StoryRendering
from articles.structured_data import story_graph
from articles.templatetags.articles_tags import json_ld

ROOT = Path(settings.BASE_DIR)
# Code whose output the stored article holds, besides the templates.
RENDERING_CODE = [
    "articles/structured_data.py",
    "articles/figures.py",
    "articles/templatetags/articles_tags.py",
    "ledger/public.py",
    "ledger/templatetags/ledger_tags.py",
]
SETTINGS = ("LANGUAGE_CODE", "TIME_ZONE", "SITE_URL", "SITE_NAME", "MEDIA_URL", "STATIC_URL")


@cache
def signature():
    """A digest of the templates, translations, static manifest, rendering code and settings."""
    digest = hashlib.sha256()
    files = [
        *sorted(ROOT.glob("templates/**/*.html")),
        *sorted(ROOT.glob("locale/**/*.mo")),
        *(ROOT / name for name in RENDERING_CODE),
    ]
    if settings.STATIC_ROOT:
        files.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    for path in files:
        if path.is_file():
            digest.update(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).encode())
            digest.update(path.read_bytes())
    for name in SETTINGS:
        digest.update(f"{name}={getattr(settings, name, '')}".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Article:
    """What the story page takes from a stored rendering."""

    html: str
    graph: str
    comment_count: int

    @property
    def json_ld(self):
        graph = json.loads(self.graph)
        graph["@graph"][0]["commentCount"] = self.comment_count
        return json_ld(graph)


def render(story):
    """(article HTML, JSON-LD text) of `story`, fetched with `for_detail()`; no request."""
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        html = render_to_string(
            "articles/_story_article.html", {"story": story, "LANGUAGE_CODE": settings.LANGUAGE_CODE}
        )
        graph = story_graph(story, settings.SITE_URL, settings.SITE_NAME)
    graph["@graph"][0]["commentCount"] = 0
    return html, json.dumps(graph, ensure_ascii=False, separators=(",", ":"))


def article_of(story):
    """The stored article of public `story` (fetched `with_rendering()`), rendered and
    stored first when there is none or it is stale."""
    try:
        kept = story.rendering
    except StoryRendering.DoesNotExist:
        kept = None
    if kept is None or not kept.is_current(signature()):
        kept = rebuild(story.pk)
    # Rendered by our own template from sanitised fields: safe as it was when rendered.
    return Article(mark_safe(kept.html), kept.graph, story.comment_count)


def rebuild(story_id):
    """Render the story from the primary and store it unless a write came in meanwhile; the
    rendering either way."""
    db = router.db_for_write(StoryRendering)
    rendering, _ = StoryRendering.objects.using(db).get_or_create(story_id=story_id)
    revision = rendering.revision
    story = Story.objects.using(db).for_detail().get(pk=story_id)
    rendering.html, rendering.graph = render(story)
    rendering.rendered_revision, rendering.signature = revision, signature()
    StoryRendering.objects.using(db).filter(story_id=story_id, revision=revision).update(
        html=rendering.html,
        graph=rendering.graph,
        rendered_revision=revision,
        signature=rendering.signature,
    )
    return rendering
