"""The moderators' admin: the moderation queue, the audit trail and the word lists.

Emails, IP hashes and user agents are shown only to users with the
`comments.view_commenter_email` permission; others see a masked address. Decisions need
`comments.moderate_comment` and go through `comments.moderation`, which records them.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin import DateFieldListFilter
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from articles.models import Story
from comments.admin import audit  # noqa: F401  (registers the moderation records' admin)
from comments.admin.blocking import BlockSenders
from comments.admin.columns import CommentColumns, can_see_private
from comments.admin.decisions import CommentDecisions
from comments.admin.reports import ReportColumns, ReportedFilter
from comments.models import BlockedWord, Comment
from comments.queue import CappedPaginator, HeldRuleFilter, QueueChangeList, StatusFilter, StoryFilter

PRIVATE_FIELDS = ("email", "ip_hash", "user_agent")


class CommentAdminForm(forms.ModelForm):
    note = forms.CharField(
        label=_("Note for the moderation record"),
        required=False,
        max_length=300,
        help_text=_("Optional: why you changed the status or the text. Kept with the record."),
    )

    class Meta:
        model = Comment
        fields = ["name", "email", "website", "text", "status"]  # the admin narrows them per user


@admin.register(Comment)
class CommentAdmin(CommentColumns, ReportColumns, CommentDecisions, BlockSenders, admin.ModelAdmin):
    form = CommentAdminForm
    list_display = (
        "excerpt", "decide_buttons", "commenter", "status", "held_reason", "link_count", "history_counts",
        "story_link", "created_at", "reports_cell",
    )  # fmt: skip
    list_display_links = ("excerpt",)
    list_filter = (
        StatusFilter, HeldRuleFilter, ReportedFilter, StoryFilter, ("created_at", DateFieldListFilter)
    )  # fmt: skip
    search_fields = ("name", "text")
    search_help_text = _("Name or text; with the permission, also email (a whole address finds it exactly).")
    ordering = ("-created_at", "-id")
    sortable_by = ("created_at",)  # other orders would sort the whole table
    list_per_page = 50
    paginator = CappedPaginator
    show_full_result_count = False  # no COUNT(*) over the whole table on every load
    show_facets = admin.ShowFacets.NEVER
    actions = [
        "approve_selected", "mark_selected_as_spam", "remove_selected", "restore_selected", "block_senders"
    ]  # fmt: skip
    fields = (
        "story_link", "parent", "name", "email", "website", "text", "status", "note", "held_rule",
        "held_detail", "link_count", "ip_hash", "user_agent", "is_staff_reply", "created_at",
        "status_changed_at", "status_changed_by", "history", "report_list",
    )  # fmt: skip
    readonly_fields = (
        "story_link", "parent", "held_rule", "held_detail", "link_count", "ip_hash", "user_agent",
        "is_staff_reply", "created_at", "status_changed_at", "status_changed_by", "history", "report_list",
    )  # fmt: skip

    class Media:
        js = ["comments/queue-keys.js"]  # the queue's keyboard shortcuts (no inline script: CSP)

    def get_queryset(self, request):
        """The page's stories in one more query rather than a join: a join lets a poor row
        estimate (a text search) pick a plan that compares every comment with every story.
        Only their headline and slug: a story's body is large and the queue never shows it."""
        stories = Prefetch("story", queryset=Story.objects.only("headline", "slug"))
        return super().get_queryset(request).prefetch_related(stories)

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def get_list_display(self, request):
        shown = list(self.list_display)
        if request.GET.get("status", StatusFilter.default) == StatusFilter.default:
            shown.remove("status")  # the queue shows only pending comments
        if not self.has_moderate_permission(request):
            shown.remove("decide_buttons")
        return shown

    def changelist_view(self, request, extra_context=None):
        queue = request.GET.get("status", StatusFilter.default) == StatusFilter.default
        title = _("Moderation queue") if queue else _("Comments")
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if not can_see_private(request):
            fields = [f for f in fields if f not in PRIVATE_FIELDS]
        if not self.has_change_permission(request, obj):
            fields = [f for f in fields if f != "note"]
        if not request.user.has_perm("comments.view_moderationrecord"):
            fields = [f for f in fields if f != "history"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = self.readonly_fields
        return readonly if self.has_moderate_permission(request) else (*readonly, "status")

    def get_search_fields(self, request):
        return (*self.search_fields, "email") if can_see_private(request) else self.search_fields

    def get_search_results(self, request, queryset, search_term):
        """A whole email address finds that address's comments exactly (an index serves it).
        NUL characters are dropped: PostgreSQL refuses them in a query."""
        search_term = search_term.replace("\x00", "")
        term = search_term.strip()
        if can_see_private(request) and "@" in term:
            try:
                validate_email(term)
            except ValidationError:
                pass
            else:
                return queryset.by_email(term), False
        return super().get_search_results(request, queryset, search_term)

    def has_add_permission(self, request):
        return False  # comments come from readers, through the story pages

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")


@admin.register(BlockedWord)
class BlockedWordAdmin(admin.ModelAdmin):
    list_display = ("phrase", "action", "created_at")
    list_filter = ("action",)
    search_fields = ("phrase",)
