"""The audit trail in admin: read-only for everyone, on the comment's page (a table) and as
its own list.

Records cannot be added, changed or deleted through admin, whoever asks; a superuser can
delete them from the shell. Seeing them needs `comments.view_moderationrecord`
(moderators have it).
"""

from django.contrib import admin
from django.contrib.admin import DateFieldListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from comments.models import ModerationRecord
from comments.queue import CappedPaginator, SafeChangeList, as_key

SHOWN = ("at", "action", "from_status", "to_status", "by_name", "note")


def history_table(records):
    """The records as a small read-only table, for the comment's admin page."""
    records = list(records)
    if not records:
        return _("No moderation decisions yet.")
    fields = [ModerationRecord._meta.get_field(name) for name in SHOWN]
    head = format_html_join("", '<th scope="col">{}</th>', ((f.verbose_name.capitalize(),) for f in fields))
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                date_format(localtime(r.at), "DATETIME_FORMAT"), r.get_action_display(),
                r.get_from_status_display(), r.get_to_status_display(), r.by_name or "–", r.note,
            )
            for r in records
        ),
    )  # fmt: skip
    return format_html(
        '<table class="moderation-history"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>', head, rows
    )


class ModeratorFilter(admin.SimpleListFilter):
    """Staff members only (readers have no accounts), not a DISTINCT over the records."""

    title = _("moderator")
    parameter_name = "by"

    def lookups(self, request, model_admin):
        staff = get_user_model().objects.filter(is_staff=True).order_by("username")
        return [(str(pk), username) for pk, username in staff.values_list("pk", "username")]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset if value is None else queryset.filter(by_id=as_key(value))


@admin.register(ModerationRecord)
class ModerationRecordAdmin(admin.ModelAdmin):
    list_display = ("at", "comment_link", "action", "from_status", "to_status", "by_name", "note")
    list_filter = ("to_status", "action", ModeratorFilter, ("at", DateFieldListFilter))
    search_fields = ("=comment_number",)
    search_help_text = _("A comment's number, e.g. 1234.")
    fields = ("comment_link", *SHOWN)
    readonly_fields = fields
    ordering = ("-at", "-id")
    paginator = CappedPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions = None

    def get_changelist(self, request, **kwargs):
        return SafeChangeList

    def get_search_results(self, request, queryset, search_term):
        """The records of one comment, by its number; anything else finds none."""
        if not search_term.strip():
            return queryset, False
        try:
            return queryset.filter(comment_number=as_key(search_term.strip())), False
        except IncorrectLookupParameters:
            return queryset.none(), False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("comment"), ordering="comment_number")
    def comment_link(self, record):
        if record.comment_id is None:
            return _("#%(number)s (deleted)") % {"number": record.comment_number}
        url = reverse("admin:comments_comment_change", args=[record.comment_id])
        return format_html('<a href="{}">#{}</a>', url, record.comment_number)
