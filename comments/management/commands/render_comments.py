"""Write every comment's reading key and stored HTML again, and every story's comment count.

Run it after changing the comment template, a translation, TIME_ZONE, LANGUAGE_CODE or
COMMENTS_THREAD_DEPTH: a story page shows the stored fragments as they were rendered.
"""

from django.core.management.base import BaseCommand

from comments import moderation
from comments.models import Comment


class Command(BaseCommand):
    help = "Render every comment's stored HTML again, rewrite reading keys and recount stories."

    def add_arguments(self, parser):
        parser.add_argument("--story", type=int, help="Only the comments of the story with this id.")

    def handle(self, *args, story=None, **options):
        comments = Comment.objects.all() if story is None else Comment.objects.filter(story=story)
        keys, fragments, counts = moderation.rebuild(comments)
        self.stdout.write(
            f"Reading keys rewritten: {keys}. Comments rendered again: {fragments}. "
            f"Story counts corrected: {counts}."
        )
