"""Old addresses of renamed stories."""

from django.db import models


class StoryRedirect(models.Model):
    """An old slug of a story, so that links made before a rename keep working."""

    old_slug = models.SlugField(max_length=200, unique=True)
    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.story.slug}"
