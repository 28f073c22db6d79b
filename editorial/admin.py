"""Share links in admin: a list to review and revoke them. Revisions are reached from each
story's history page."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from editorial.models import ShareLink


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ["story", "created_by", "created_at", "expires_at", "revoked_at"]
    list_select_related = ["story", "created_by"]
    list_filter = ["created_at", "expires_at"]
    search_fields = ["story__headline"]
    fields = ["story", "created_by", "created_at", "expires_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke_selected"]

    def has_add_permission(self, request):
        return False  # links are made from the story form

    @admin.action(description=_("Revoke selected share links"), permissions=["change"])
    def revoke_selected(self, request, queryset):
        links = list(queryset.filter(revoked_at__isnull=True))
        for link in links:
            link.revoke()
        messages.success(
            request, ngettext("Revoked %d share link.", "Revoked %d share links.", len(links)) % len(links)
        )
