"""The editors' "Error reports" queue: readers' reports, declined or marked duplicate in bulk,
or accepted with a correction notice added to the story in one step.

Reporters' email addresses are shown to whoever may view error reports (the Editors role);
they are used once, to tell the reporter that a correction was published.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Correction
from corrections.models import ErrorReport
from corrections.notice_form import CorrectionNoticeForm
from corrections.notifications import notify_reporter

State = ErrorReport.State


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "state", "story_link", "excerpt", "item", "has_email"]
    list_display_links = ["created_at"]
    list_filter = ["state", ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["story", "item"]
    search_fields = ["what_is_wrong", "story__headline"]
    actions = ["decline_selected", "mark_selected_as_duplicate"]
    raw_id_fields = ["duplicate_of"]
    fields = [
        "story_link", "item", "what_is_wrong", "source_link", "email", "created_at", "state",
        "duplicate_of", "notice_link", "notified_at", "handled_by", "handled_at", "ip_hash", "user_agent",
    ]  # fmt: skip
    readonly_fields = [
        "story_link", "item", "what_is_wrong", "source_link", "email", "created_at", "notice_link",
        "notified_at", "handled_by", "handled_at", "ip_hash", "user_agent",
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("story", "item", "correction", "handled_by")

    def has_add_permission(self, request):
        return False  # reports come from readers

    @admin.display(description=_("story"), ordering="story__headline")
    def story_link(self, report):
        return format_html('<a href="{}">{}</a>', report.story.get_absolute_url(), report.story.headline)

    @admin.display(description=_("what is wrong"))
    def excerpt(self, report):
        return report.excerpt

    @admin.display(description=_("email"), boolean=True)
    def has_email(self, report):
        return bool(report.email)

    @admin.display(description=_("supporting source"))
    def source_link(self, report):
        if not report.source_url:
            return "—"
        return format_html(
            '<a href="{}" rel="noopener noreferrer nofollow">{}</a>', report.source_url, report.source_url
        )

    @admin.display(description=_("correction notice"))
    def notice_link(self, report):
        if report.correction is None:
            return "—"
        return format_html('<a href="{}">{}</a>', report.correction.get_absolute_url(), report.correction)

    def save_model(self, request, obj, form, change):
        if "state" in form.changed_data:
            obj.handled_by, obj.handled_at = request.user, timezone.now()
        if obj.state != State.DUPLICATE:
            obj.duplicate_of = None
        super().save_model(request, obj, form, change)

    # Bulk decisions

    @admin.action(description=_("Decline the selected reports"), permissions=["change"])
    def decline_selected(self, request, queryset):
        changed = queryset.exclude(state=State.ACCEPTED).mark(State.DECLINED, by=request.user)
        self.message_user(request, _("%(count)d reports declined.") % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Mark the selected reports as duplicates"), permissions=["change"])
    def mark_selected_as_duplicate(self, request, queryset):
        changed = queryset.exclude(state=State.ACCEPTED).mark(State.DUPLICATE, by=request.user)
        self.message_user(
            request, _("%(count)d reports marked as duplicates.") % {"count": changed}, messages.SUCCESS
        )

    # Accept and add a correction notice

    def get_urls(self):
        accept = self.admin_site.admin_view(self.accept_view)
        return [
            path("<path:object_id>/accept/", accept, name="corrections_errorreport_accept"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_accept": self.can_accept(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def can_accept(self, request):
        return self.has_change_permission(request) and request.user.has_perm("articles.add_correction")

    def accept_view(self, request, object_id):
        """Show the notice form prefilled from the report; on save, add the notice to the story,
        accept the report with it, and queue the reporter's one email."""
        if not self.can_accept(request):
            raise PermissionDenied
        report = self.get_object(request, object_id)
        if report is None:
            raise Http404(_("No error report with this number."))
        change_url = reverse("admin:corrections_errorreport_change", args=[report.pk])
        if report.state == State.ACCEPTED:
            self.message_user(request, _("This report was already accepted."), messages.INFO)
            return HttpResponseRedirect(change_url)
        form = CorrectionNoticeForm(
            request.POST if request.method == "POST" else None,
            story=report.story,
            initial={"kind": Correction.Kind.CORRECTION, "text": prefilled_text(report)},
        )
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                notice = form.save()
                report.accept(correction=notice, by=request.user)
                notify_reporter(report)
            self.message_user(
                request,
                format_html(
                    _('Report accepted and notice added: <a href="{}">see it on the story</a>.'),
                    notice.get_absolute_url(),
                ),
                messages.SUCCESS,
            )
            if report.email and not report.story.is_public:
                self.message_user(
                    request,
                    _("The story is not public, so the reporter was not emailed about this notice."),
                    messages.WARNING,
                )
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Accept the report and add a correction notice"),
            "opts": self.opts,
            "original": report,
            "report": report,
            "form": form,
            "media": self.media + form.media,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/corrections/errorreport/accept.html", context)


def prefilled_text(report):
    """A start for the notice: which part of the story it concerns, for the editor to finish."""
    if report.item is None:
        return ""
    return "<p>" + format_html(_("In “{}”:"), report.item.headline) + "</p>"
