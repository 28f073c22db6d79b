"""Rank every story's related stories again, e.g. after an import that bypassed save()."""

from django.core.management.base import BaseCommand

from articles import related


class Command(BaseCommand):
    help = "Rank and store the related stories of every story (after imports or bulk changes)."

    def handle(self, *args, **options):
        count = related.refresh_all()
        self.stdout.write(f"Ranked the related stories of {count} stories.")
