"""The ledger in admin: link checks with the site-wide "broken sources" report, and the pieces
the story and source admins take in (a health column and filter, actions, form warnings)."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ledger.archiving import sources_without_copy
from ledger.models import ArchivedCopy, LinkCheck
from ledger.report import broken_by_story, item_warning, story_warnings
from ledger.roundup import items_without_source
from ledger.tasks import archive_sources

NOT_CHECKED = "unchecked"
UNSAVED_MODES = ("preview", "draft")


class LinkHealthFilter(admin.SimpleListFilter):
    title = _("link health")
    parameter_name = "health"

    def lookups(self, request, model_admin):
        return [*LinkCheck.Status.choices, (NOT_CHECKED, _("Not checked yet"))]

    def queryset(self, request, queryset):
        if self.value() == NOT_CHECKED:
            return queryset.exclude(url="").filter(link_status__isnull=True)
        if self.value() in LinkCheck.Status.values:
            return queryset.filter(link_status=self.value())
        return queryset


def link_health_label(status, http_status=None):
    if status is None:
        return _("Not checked yet")
    label = LinkCheck.Status(status).label
    return f"{label} ({http_status})" if http_status else label


class SourceHealthMixin:
    """For the cited sources' admin: each link's health, a filter on it, and actions to check
    links or keep a copy now."""

    actions = ["check_links_now", "archive_now"]

    def get_queryset(self, request):
        checks = LinkCheck.objects.filter(url=OuterRef("url"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                link_status=Subquery(checks.values("status")[:1]),
                link_http_status=Subquery(checks.values("http_status")[:1]),
            )
        )

    def get_list_display(self, request):
        return [*super().get_list_display(request), "link_health"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), LinkHealthFilter]

    @admin.display(description=_("Link health"), ordering="link_status")
    def link_health(self, source):
        if not source.url:
            return "—"
        return format_html(
            '<span class="link-health link-health--{}">{}</span>',
            source.link_status or NOT_CHECKED,
            link_health_label(source.link_status, source.link_http_status),
        )

    @admin.action(description=_("Check the links of the selected sources now"))
    def check_links_now(self, request, queryset):
        from ledger.checking import check_link

        urls = sorted(set(queryset.exclude(url="").values_list("url", flat=True)))
        for url in urls:
            check_link(url)
        messages.success(request, ngettext("Checked %d link.", "Checked %d links.", len(urls)) % len(urls))

    @admin.action(description=_("Keep an archived copy of the selected sources now"))
    def archive_now(self, request, queryset):
        ids = list(queryset.exclude(url="").values_list("pk", flat=True))
        result = archive_sources.enqueue(ids)
        failures = result.return_value if result.is_finished else {}
        for message in failures.values():
            messages.warning(request, message)
        done = len(ids) - len(failures)
        messages.info(request, ngettext("%d copy requested.", "%d copies requested.", done) % done)


class StoryLedgerMixin:
    """For the story admin: warnings about broken source links and round-up items without a
    source, and a first copy of each newly cited source once the story is saved."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and request.method == "GET":
            for warning in story_warnings(obj):
                messages.warning(request, warning)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        story = form.instance
        # A preview or a live story's pending draft writes no sources (editorial's desk modes).
        if story.pk is None or getattr(getattr(request, "desk_mode", None), "value", "") in UNSAVED_MODES:
            return
        new = list(sources_without_copy().filter(story=story).values_list("pk", flat=True))
        if new:
            transaction.on_commit(lambda: archive_sources.enqueue(new))
        if "_continue" not in request.POST:  # otherwise the form shows them again
            for item in items_without_source(story.items.prefetch_related("cited_sources")):
                if settings.LEDGER_ITEM_SOURCE_RULE == "warn":
                    messages.warning(request, item_warning(item))


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    list_display = ["url", "status", "http_status", "checked_at", "first_failure_at", "failure_count"]
    list_filter = ["status"]
    search_fields = ["url", "final_url"]
    readonly_fields = [field.name for field in LinkCheck._meta.fields]
    change_list_template = "admin/ledger/linkcheck/change_list.html"
    actions = ["check_now"]

    def get_urls(self):
        report = self.admin_site.admin_view(self.broken_sources_view)
        return [path("broken/", report, name="ledger_broken_sources"), *super().get_urls()]

    def broken_sources_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Broken sources"),
            "opts": self.model._meta,
            "stories": broken_by_story(request.user),
        }
        return TemplateResponse(request, "admin/ledger/broken_sources.html", context)

    @admin.action(description=_("Check the selected links now"), permissions=["view"])
    def check_now(self, request, queryset):
        from ledger.checking import check_link

        for record in queryset:
            check_link(record.url)
        messages.success(request, _("Checked the selected links."))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ArchivedCopy)
class ArchivedCopyAdmin(admin.ModelAdmin):
    list_display = ["url", "source", "content_type", "size", "captured_at"]
    list_select_related = ["source"]
    search_fields = ["url", "source__title", "source__outlet"]
    readonly_fields = ["source", "cited_url", "url", "warc", "content_type", "size", "sha256", "captured_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
