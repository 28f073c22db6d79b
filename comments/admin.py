"""The moderators' admin: comments with status filters and bulk actions, and the word lists.

Emails, IP hashes and user agents are shown only to users with the
`comments.view_commenter_email` permission.
"""

from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from comments import moderation
from comments.models import BlockedWord, Comment

PRIVATE_FIELDS = ("email", "ip_hash", "user_agent")
STATUS_FUNCTIONS = {
    Comment.Status.APPROVED: moderation.approve,
    Comment.Status.SPAM: moderation.mark_spam,
    Comment.Status.REMOVED: moderation.remove,
    Comment.Status.PENDING: moderation.restore,
}


def can_see_private(request):
    return request.user.has_perm("comments.view_commenter_email")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("name", "excerpt", "story", "status", "held_rule", "created_at")
    list_filter = ("status", "held_rule", "created_at")
    list_select_related = ("story",)
    search_fields = ("name", "text", "story__headline")
    date_hierarchy = "created_at"
    actions = ["approve_selected", "mark_selected_as_spam", "remove_selected", "restore_selected"]
    fields = (
        "story", "parent", "name", "email", "website", "text", "status", "held_rule", "held_detail",
        "link_count", "ip_hash", "user_agent", "created_at", "status_changed_at", "status_changed_by",
    )  # fmt: skip
    readonly_fields = (
        "story", "parent", "held_rule", "held_detail", "link_count", "ip_hash", "user_agent", "created_at",
        "status_changed_at", "status_changed_by",
    )  # fmt: skip

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if can_see_private(request) else [f for f in fields if f not in PRIVATE_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        readonly = self.readonly_fields
        return readonly if self.has_moderate_permission(request) else (*readonly, "status")

    def get_search_fields(self, request):
        return (*self.search_fields, "email") if can_see_private(request) else self.search_fields

    def has_add_permission(self, request):
        return False  # comments come from readers, through the story pages

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return Truncator(comment.text).chars(90)

    def save_model(self, request, obj, form, change):
        """A status chosen in the form goes through the same function as the bulk actions."""
        new_status = obj.status
        if change and "status" in form.changed_data:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if obj.status != new_status:
            STATUS_FUNCTIONS[new_status](comments=obj, by=request.user)

    def _act(self, request, queryset, function, message):
        count = function(comments=queryset, by=request.user)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Approve selected comments"), permissions=["moderate"])
    def approve_selected(self, request, queryset):
        self._act(request, queryset, moderation.approve, _("Comments approved: %(count)d."))

    @admin.action(description=_("Mark selected comments as spam"), permissions=["moderate"])
    def mark_selected_as_spam(self, request, queryset):
        self._act(request, queryset, moderation.mark_spam, _("Comments marked as spam: %(count)d."))

    @admin.action(description=_("Remove selected comments"), permissions=["moderate"])
    def remove_selected(self, request, queryset):
        self._act(request, queryset, moderation.remove, _("Comments removed: %(count)d."))

    @admin.action(description=_("Return selected comments to the moderation queue"), permissions=["moderate"])
    def restore_selected(self, request, queryset):
        self._act(request, queryset, moderation.restore, _("Comments returned to the queue: %(count)d."))


@admin.register(BlockedWord)
class BlockedWordAdmin(admin.ModelAdmin):
    list_display = ("phrase", "action", "created_at")
    list_filter = ("action",)
    search_fields = ("phrase",)
