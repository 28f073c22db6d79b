"""The moderation queue's columns. Each is called once per row, so they format strings and
run no query (the changelist prepares what they show: `comments.queue`)."""

from django.contrib import admin
from django.contrib.admin import helpers
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comments import spam
from comments.admin.audit import history_table
from comments.models import Comment

Status = Comment.Status


def can_see_private(request):
    return request.user.has_perm("comments.view_commenter_email")


def masked_email(email):
    """ "ana@example.net" -> "a•••@example.net": enough to tell addresses apart, not to write."""
    local, at, domain = email.partition("@")
    return f"{local[:1]}•••{at}{domain}" if email else ""


def history_cell(history):
    """ "3 / 1" (approved / spam), "–" when the comment has no IP hash or email left."""
    if history is None:
        return "–"
    return f"{history.get(Status.APPROVED, 0)} / {history.get(Status.SPAM, 0)}"


class CommentColumns:
    def action_checkbox(self, comment):
        """Django's checkbox, written out: rendering a form widget per row costs more than
        the rest of the row."""
        label = gettext("Select this object for an action - {}").format(comment)
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME, comment.pk, label,
        )  # fmt: skip

    @admin.display(description=_("story"))
    def story_link(self, comment):
        return format_html('<a href="{}">{}</a>', comment.story.get_absolute_url(), comment.story.headline)

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        text = comment.text
        return text if len(text) <= 90 else f"{text[:89].rstrip()}…"

    @admin.display(description=_("name and email"))
    def commenter(self, comment):
        """The email in full for those with the permission (the display method has no request:
        the changelist marks each row), masked for everyone else."""
        email = comment.email if getattr(comment, "email_visible", False) else masked_email(comment.email)
        return format_html('{}<br><span class="commenter-email">{}</span>', comment.name, email)

    @admin.display(description=_("held because"))
    def held_reason(self, comment):
        if not comment.held_rule:
            return ""
        rule = spam.STORED_RULES.get(comment.held_rule, comment.held_rule)
        return format_html(
            '<span class="held-rule">{}</span><br><span class="held-detail">{}</span>',
            rule,
            comment.held_detail,
        )

    @admin.display(description=_("moderation history"))
    def history(self, comment):
        return history_table(comment.moderation_records.order_by("at", "id"))

    @admin.display(description=_("approved / spam before"))
    def history_counts(self, comment):
        return format_html(
            '<span class="history-ip">{} {}</span><br><span class="history-email">{} {}</span>',
            gettext("IP:"), history_cell(comment.ip_history),
            gettext("email:"), history_cell(comment.email_history),
        )  # fmt: skip

    @admin.display(description=_("decide"))
    def decide_buttons(self, comment):
        """Buttons of the changelist's own form (which carries the CSRF token) posting to
        the one-click URLs (`get_urls`); `formaction` needs no JavaScript and no nested form."""
        buttons = []
        if comment.status != Status.APPROVED:
            buttons.append(("approve", "decide-approve", gettext("Approve")))
        if comment.status != Status.SPAM:
            buttons.append(("spam", "decide-spam", gettext("Spam")))
        button = '<button type="submit" class="button {}" formaction="{}{}/{}/" name="queue" value="{}">{}</button>'  # noqa: E501
        return format_html_join(
            " ",
            button,
            (
                (css, comment.queue_url, comment.pk, name, comment.queue_query, label)
                for name, css, label in buttons
            ),
        )
