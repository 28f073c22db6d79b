from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Load a folder written by `backup` into an EMPTY database and an EMPTY media storage, "
        "after checking its checksums; refuses anything else."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder written by `manage.py backup`.")

    def handle(self, *args, **options):
        try:
            manifest = restore(options["folder"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["database"]["tables"].values())
        self.stdout.write(
            f"Restored {options['folder']}: {len(manifest['database']['tables'])} tables, {rows} rows, "
            f"{manifest['media']['count']} media files. Run `manage.py migrate --check` next."
        )
