"""A commenter's data, found by email: export it as JSON, or erase it. The error reports
(corrections.ErrorReport) left with the same email, and its reply notifications, are exported
and erased with the comments.

python manage.py commenter_data export ana@example.net [--output ana.json]
python manage.py commenter_data erase ana@example.net [--remove-text] [--dry-run]
"""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from comments import moderation
from comments.models import BlockedSender, Comment, ReplySubscription
from comments.safety_models import normalised_email
from corrections.models import ErrorReport

ANONYMOUS = "Anonymous"
REMOVED_TEXT = "(This comment was removed at its author's request.)"
EXPORTED_FIELDS = (
    "pk", "story__headline", "story__slug", "parent_id", "name", "email", "website", "text", "status",
    "created_at", "status_changed_at", "ip_hash", "user_agent",
)  # fmt: skip
REMOVED_REPORT = "(This report was removed at its author's request.)"
EXPORTED_REPORT_FIELDS = (
    "pk", "story__headline", "story__slug", "item__headline", "what_is_wrong", "source_url", "email",
    "state", "created_at", "notified_at", "ip_hash", "user_agent",
)  # fmt: skip


class Command(BaseCommand):
    help = "Export (as JSON) or erase (anonymise) the comments and error reports left with an email address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--output", help="export: write the JSON to this file instead of the output.")
        parser.add_argument(
            "--remove-text", action="store_true", help="erase: also replace the comments' text."
        )
        parser.add_argument("--dry-run", action="store_true", help="erase: report, change nothing.")

    def handle(self, *args, action, email, **options):
        email = email.strip()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"“{email}” is not an email address.") from None
        comments = Comment.objects.by_email(email).order_by("created_at", "pk")
        reports = ErrorReport.objects.by_email(email).order_by("created_at", "pk")
        if action == "export":
            self.export(email, comments, reports, options["output"])
        else:
            self.erase(comments, remove_text=options["remove_text"], dry_run=options["dry_run"])
            self.erase_reports(reports, remove_text=options["remove_text"], dry_run=options["dry_run"])
            self.erase_notifications(email, dry_run=options["dry_run"])
            self.erase_blocks(email, dry_run=options["dry_run"])

    def export(self, email, comments, reports, output):
        rows = list(comments.values(*EXPORTED_FIELDS))
        for row in rows:
            row["story"] = {"headline": row.pop("story__headline"), "slug": row.pop("story__slug")}
        report_rows = list(reports.values(*EXPORTED_REPORT_FIELDS))
        for row in report_rows:
            row["story"] = {"headline": row.pop("story__headline"), "slug": row.pop("story__slug")}
            row["item"] = row.pop("item__headline")
        notifications = list(
            ReplySubscription.objects.by_email(email)
            .order_by("pk")
            .values("comment_id", "created_at", "confirmed_at")
        )
        data = {
            "email": email, "exported_at": timezone.now(), "comments": rows, "error_reports": report_rows,
            "reply_notifications": notifications,
        }  # fmt: skip
        data["blocked_senders"] = list(
            blocked_entries(email).values("kind", "value", "added_at", "expires_at")
        )
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            also = f" and {len(report_rows)} error reports" if report_rows else ""
            self.stdout.write(f"Wrote {len(rows)} comments{also} to {output}.")
        else:
            self.stdout.write(text)

    def erase_blocks(self, email, *, dry_run):
        """The block list's entries for the address go too (the moderators may block it again)."""
        entries = blocked_entries(email)
        count = entries.count() if dry_run else entries.delete()[0]
        if count:
            self.stdout.write(f"{'Would delete' if dry_run else 'Deleted'} {count} block list entries.")

    def erase_reports(self, reports, *, remove_text, dry_run):
        """Error reports lose the email, IP hash and user agent (and, with --remove-text, their
        text); the editors' decision on them is kept."""
        changes = {"email": "", "ip_hash": "", "user_agent": ""}
        if remove_text:
            changes["what_is_wrong"] = REMOVED_REPORT
        count = reports.count() if dry_run else reports.update(**changes)
        if count:
            verb = "Would remove" if dry_run else "Removed"
            text = " and text" if remove_text else ""
            self.stdout.write(f"{verb} the email, IP hash, user agent{text} of {count} error reports.")

    def erase_notifications(self, email, *, dry_run):
        """Reply notifications hold nothing but the address: they go."""
        subscriptions = ReplySubscription.objects.by_email(email)
        count = subscriptions.count() if dry_run else subscriptions.delete()[0]
        if count:
            self.stdout.write(f"{'Would delete' if dry_run else 'Deleted'} {count} reply notifications.")

    def erase(self, comments, *, remove_text, dry_run):
        """Anonymise: the name becomes "Anonymous"; email, website, IP hash and user agent go.
        Each erased comment gets a moderation record (by nobody: the command line)."""
        with transaction.atomic():
            found = list(comments.select_for_update())
            for comment in found:
                comment.name, comment.email, comment.website = ANONYMOUS, "", ""
                comment.ip_hash, comment.user_agent = "", ""
                if remove_text:
                    comment.text = REMOVED_TEXT
                if not dry_run:
                    comment.save()
            if not dry_run:
                note = "commenter_data erase" + (" --remove-text" if remove_text else "")
                moderation.erased(comments=found, note=note)
                moderation.stories_changed({comment.story_id for comment in found})
        self.stdout.write(self.report(len(found), remove_text, dry_run))

    def report(self, count, remove_text, dry_run):
        if not count:
            return "No comments with this email address; nothing changed."
        changed = "name set to “Anonymous”; email, website, IP hash and user agent removed"
        text = "text replaced" if remove_text else "text kept"
        prefix = "Dry run, nothing changed. Would anonymise" if dry_run else "Anonymised"
        return f"{prefix} {count} comments ({changed}; {text})."


def blocked_entries(email):
    return BlockedSender.objects.filter(kind=BlockedSender.Kind.EMAIL, value=normalised_email(email))
