"""Check the links stories cite and keep copies of newly cited sources.

Run it daily from a scheduler (cron, a systemd timer, the platform's scheduled jobs):
    python manage.py check_sources
"""

from django.core.management.base import BaseCommand, CommandError

from ledger.checking import check_all


class Command(BaseCommand):
    help = (
        "Check every cited link not checked within LEDGER_CHECK_INTERVAL_HOURS, record its health, "
        "and keep an archived copy of sources that have none."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Check every link, however recently checked.")
        parser.add_argument("--limit", type=int, default=None, help="Check at most this many links.")
        parser.add_argument("--no-archive", action="store_true", help="Only check; keep no new copies.")

    def handle(self, *args, all=False, limit=None, no_archive=False, verbosity=1, **options):
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1.")
        log = self.stdout.write if verbosity > 1 else None
        counts = check_all(force=all, limit=limit, archive=not no_archive, log=log)
        summary = ", ".join(f"{name} {count}" for name, count in sorted(counts.items())) or "nothing due"
        self.stdout.write(f"Checked links: {summary}.")
