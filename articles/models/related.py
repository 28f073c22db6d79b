"""Related stories, ranked when stories change and stored in order (see articles/related.py)."""

from django.db import models


class RelatedStory(models.Model):
    """`related` is `story`'s related story number `position` (0 first)."""

    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="related_from")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["story", "position"]
        constraints = [
            models.UniqueConstraint(fields=["story", "position"], name="one_related_story_per_position"),
            models.UniqueConstraint(fields=["story", "related"], name="related_story_listed_once"),
        ]

    def __str__(self):
        return f"{self.story_id} → {self.related_id} ({self.position})"
