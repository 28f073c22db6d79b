from django.core.management.base import BaseCommand

from newsroom.roles import sync_roles


class Command(BaseCommand):
    help = "Create the Editors, Contributors and Moderators groups and reset their permissions."

    def handle(self, *args, **options):
        for name in sync_roles():
            self.stdout.write(f"Role {name}: permissions set.")
