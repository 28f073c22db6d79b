"""Count every story's published comments again, correcting `Story.comment_count`."""

from django.core.management.base import BaseCommand

from comments import moderation


class Command(BaseCommand):
    help = "Recount each story's approved comments and correct the stored counts."

    def handle(self, *args, **options):
        wrong = moderation.recount()
        self.stdout.write(f"Story counts corrected: {wrong}.")
