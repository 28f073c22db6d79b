"""The block list in admin, and blocking a comment's sender (an admin action and a button on
the comment's page). Email entries are masked for users without
`comments.view_commenter_email`, who may not change them either."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comments import blocking
from comments.admin.columns import can_see_private, masked_email
from comments.models import BlockedSender, Comment

# The durations the comment page offers ("until removed" otherwise).
BLOCK_DAYS = {"7", "30", "90"}


@admin.register(BlockedSender)
class BlockedSenderAdmin(admin.ModelAdmin):
    list_display = ("kind", "shown_value", "added_by", "added_at", "expires_at", "active")
    list_filter = ("kind",)
    ordering = ("-added_at", "-id")
    fields = ("kind", "value", "expires_at", "note", "added_by", "added_at")
    readonly_fields = ("added_by", "added_at")

    @admin.display(description=_("email or IP hash"))
    def shown_value(self, entry):
        if entry.kind == BlockedSender.Kind.EMAIL and not self._private(entry):
            return masked_email(entry.value)
        return entry.value

    @admin.display(description=_("active"), boolean=True)
    def active(self, entry):
        return entry.is_active()

    def _private(self, entry):
        return getattr(self, "_can_see", False)

    def get_queryset(self, request):
        self._can_see = can_see_private(request)  # the columns have no request
        return super().get_queryset(request).select_related("added_by")

    def get_search_fields(self, request):
        return ("value",) if can_see_private(request) else ()

    def get_fields(self, request, obj=None):
        if obj is not None and obj.kind == BlockedSender.Kind.EMAIL and not can_see_private(request):
            return ("kind", "shown_value", "expires_at", "note", "added_by", "added_at")
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.kind == BlockedSender.Kind.EMAIL and not can_see_private(request):
            return ("kind", "shown_value", "expires_at", "note", "added_by", "added_at")
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.kind == BlockedSender.Kind.EMAIL and not can_see_private(request):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


class BlockSenders:
    """On `CommentAdmin`: the action and the change page's button."""

    def has_block_permission(self, request):
        return self.has_moderate_permission(request) and request.user.has_perm("comments.add_blockedsender")

    @admin.action(description=_("Block the senders of selected comments"), permissions=["block"])
    def block_senders(self, request, queryset):
        count = blocking.block(queryset, by=request.user)
        self.message_user(
            request, _("Added to the block list: %(count)d entries.") % {"count": count}, messages.SUCCESS
        )

    def block_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_block_permission(request):
            raise PermissionDenied
        comments = (
            Comment.objects.filter(pk=object_id) if str(object_id).isdigit() else Comment.objects.none()
        )
        if not comments.exists():
            raise Http404(_("No comment with this number."))
        days = request.POST.get("days", "")
        days = int(days) if days in BLOCK_DAYS else None
        count = blocking.block(comments, by=request.user, days=days)
        self.message_user(
            request,
            _("Sender blocked: %(count)d entries on the block list. Their new comments go to spam.")
            % {"count": count},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:comments_comment_change", args=[object_id]))
