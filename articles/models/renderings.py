"""A public story's article (everything between its header and its comments) and its
structured data, stored ready to show (see articles/story_rendering.py)."""

from django.db import models
from django.db.models import F


class StoryRenderingQuerySet(models.QuerySet):
    def mark_stale(self, story_ids=None):
        """Call after a write that changes what these stories' articles show (`story_ids`: a
        list or a query of ids; None: every story). The next page view renders them again."""
        rows = self if story_ids is None else self.filter(story_id__in=story_ids)
        return rows.update(revision=F("revision") + 1)

    def current(self, signature):
        return self.filter(rendered_revision=F("revision"), signature=signature)


class StoryRendering(models.Model):
    """`revision` counts the writes to the story's inputs; `html` and `graph` are current
    while `rendered_revision` equals it and `signature` names the running templates."""

    story = models.OneToOneField(
        "articles.Story", on_delete=models.CASCADE, primary_key=True, related_name="rendering"
    )
    revision = models.PositiveBigIntegerField(default=0)
    rendered_revision = models.BigIntegerField(null=True)
    signature = models.CharField(max_length=64, blank=True)
    html = models.TextField(blank=True)
    graph = models.TextField(blank=True, help_text="JSON-LD, its comment count left to the page.")

    objects = StoryRenderingQuerySet.as_manager()

    def __str__(self):
        return f"story {self.story_id}, revision {self.revision}"

    def is_current(self, signature):
        return self.rendered_revision == self.revision and self.signature == signature
