"""Clear the IP hash and user agent of comments, of readers' reports on comments and of their
error reports, older than the retention period; delete the block list's expired entries.

Run it daily from a scheduler (cron, a systemd timer, the platform's scheduled jobs):
    python manage.py purge_commenter_data
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from comments.models import BlockedSender, Comment, CommentReport
from corrections.models import ErrorReport


class Command(BaseCommand):
    help = (
        "Clear the IP hash and user agent of comments and error reports older than COMMENTS_RETENTION_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days instead of COMMENTS_RETENTION_DAYS.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only report how many would be cleared.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.COMMENTS_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days cannot be negative.")
        cutoff = timezone.now() - timedelta(days=days)
        verb = "Would clear" if dry_run else "Cleared"
        for model, kind in (
            (Comment, "comments"),
            (ErrorReport, "error reports"),
            (CommentReport, "reports"),
        ):
            expired = model.objects.filter(created_at__lt=cutoff).exclude(ip_hash="", user_agent="")
            count = expired.count() if dry_run else expired.update(ip_hash="", user_agent="")
            self.stdout.write(f"{verb} the IP hash and user agent of {count} {kind} older than {days} days.")
        expired = BlockedSender.objects.expired()
        count = expired.count() if dry_run else expired.delete()[0]
        self.stdout.write(f"{'Would delete' if dry_run else 'Deleted'} {count} expired block list entries.")
