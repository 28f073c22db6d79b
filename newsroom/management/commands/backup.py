from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, backup, default_folder, prune


class Command(BaseCommand):
    help = (
        "Write a PostgreSQL dump (one snapshot), every media file and a manifest of counts and "
        "SHA-256 checksums to a new dated folder under BACKUP_DIR (default var/backups), then "
        "delete the dated backups there but the newest BACKUP_KEEP (default 14; 0 keeps all)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="The folder to write (new or empty) instead of a dated one; prunes nothing."
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            help="Dated backups to keep, this one included (default BACKUP_KEEP).",
        )

    def handle(self, *args, **options):
        folder = options["output"] or default_folder()
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["database"]["tables"].values())
        self.stdout.write(
            f"Backup written to {folder}: {len(manifest['database']['tables'])} tables, {rows} rows, "
            f"{manifest['media']['count']} media files."
        )
        if not options["output"]:
            keep = settings.BACKUP_KEEP if options["keep"] is None else options["keep"]
            for old in prune(folder.parent, keep):
                self.stdout.write(f"Deleted the old backup {old}")
