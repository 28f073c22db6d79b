"""Render and store every public story's article ahead of readers: after a deploy that
changed templates or translations, or an import that wrote stories without save()."""

from django.core.management.base import BaseCommand

from articles.models import Story, StoryRendering
from articles.story_rendering import rebuild


class Command(BaseCommand):
    help = "Render and store the article and JSON-LD of every public story (see README, Performance)."

    def handle(self, *args, **options):
        StoryRendering.objects.mark_stale()
        ids = list(Story.objects.published().order_by("-published_at").values_list("pk", flat=True))
        for story_id in ids:
            rebuild(story_id)
        self.stdout.write(f"Rendered the articles of {len(ids)} public stories.")
