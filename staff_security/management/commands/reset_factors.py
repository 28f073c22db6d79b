from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff_security import factors


class Command(BaseCommand):
    help = (
        "Remove every second factor of a person and end their sessions, so they enrol again at "
        "their next sign-in. For when a person (even the last superuser) has lost every factor."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        ended = factors.reset(None, user, by="manage.py reset_factors")
        self.stdout.write(f"Second factors of {username} removed; {ended} session(s) ended.")
