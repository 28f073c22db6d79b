"""Readers' reports in the moderation queue: the count and reasons column (attached to a page
in one grouped query), the "Reported" filter, and the reports on the comment's change page."""

from collections import defaultdict

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Count, Exists, OuterRef
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comments.models import CommentReport

REASONS = dict(CommentReport.Reason.choices)


def attach_reports(comments):
    """Give each comment `report_count` (different reports) and `report_reasons` ({reason: n})."""
    by_comment = defaultdict(dict)
    if comments:
        rows = (
            CommentReport.objects.filter(comment__in=[c.pk for c in comments])
            .order_by()
            .values_list("comment_id", "reason")
            .annotate(n=Count("*"))
        )
        for comment_id, reason, n in rows:
            by_comment[comment_id][reason] = n
    for comment in comments:
        comment.report_reasons = by_comment.get(comment.pk, {})
        comment.report_count = sum(comment.report_reasons.values())


class ReportedFilter(admin.SimpleListFilter):
    title = _("reports")
    parameter_name = "reported"
    YES, NO = "yes", "no"

    def lookups(self, request, model_admin):
        return [(self.YES, _("Reported")), (self.NO, _("Not reported"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value not in (self.YES, self.NO):
            raise IncorrectLookupParameters(value)
        reported = Exists(CommentReport.objects.filter(comment=OuterRef("pk")))
        return queryset.filter(reported if value == self.YES else ~reported)


class ReportColumns:
    @admin.display(description=_("reports"))
    def reports_cell(self, comment):
        count = getattr(comment, "report_count", 0)
        if not count:
            return "–"
        reasons = format_html_join(
            ", ", "{} ({})", ((REASONS.get(r, r), n) for r, n in sorted(comment.report_reasons.items()))
        )
        return format_html(
            '<strong class="report-count">{}</strong><br><span class="report-reasons">{}</span>',
            count,
            reasons,
        )

    @admin.display(description=_("readers' reports"))
    def report_list(self, comment):
        """The reports on the change page: when, why and the note (no address is shown)."""
        reports = list(comment.reports.order_by("created_at", "id"))
        if not reports:
            return gettext("No reader has reported this comment.")
        return format_html(
            '<ul class="comment-reports">{}</ul>',
            format_html_join(
                "",
                "<li>{}: <strong>{}</strong>{}</li>",
                (
                    (
                        f"{r.created_at:%Y-%m-%d %H:%M}",
                        r.get_reason_display(),
                        f" – {r.note}" if r.note else "",
                    )
                    for r in reports
                ),
            ),
        )
