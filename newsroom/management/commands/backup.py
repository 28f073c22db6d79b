from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, backup, default_folder


class Command(BaseCommand):
    help = (
        "Write a PostgreSQL dump (one snapshot), every media file and a manifest of counts and "
        "SHA-256 checksums to a new dated folder under BACKUP_DIR (default var/backups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="The folder to write (new or empty) instead of a dated one.")

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
