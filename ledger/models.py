"""The source ledger's records: the health of each link checked, and the copies kept of
cited sources. Links are keyed by address (a source's link, or one in a story's text);
copies belong to the cited source they were made for."""

import io
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Source, Story

URL_MAX_LENGTH = 2000


class LinkCheckQuerySet(models.QuerySet):
    def broken(self):
        """Links whose last check failed or was refused: gone, unreachable or blocked."""
        return self.filter(status__in=LinkCheck.BROKEN)

    def due(self, now=None):
        """Links not checked within LEDGER_CHECK_INTERVAL_HOURS."""
        since = (now or timezone.now()) - timedelta(hours=settings.LEDGER_CHECK_INTERVAL_HOURS)
        return self.filter(checked_at__lt=since)


class LinkCheck(models.Model):
    """What the last check of one address found, and since when it has been failing."""

    class Status(models.TextChoices):
        OK = "ok", _("OK")
        REDIRECTED = "redirected", _("Redirected")
        GONE = "gone", _("Gone")
        UNREACHABLE = "unreachable", _("Unreachable")
        BLOCKED = "blocked", _("Blocked")

    url = models.URLField(_("link"), max_length=URL_MAX_LENGTH, unique=True)
    status = models.CharField(_("health"), max_length=12, choices=Status)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    final_url = models.URLField(_("final address"), max_length=URL_MAX_LENGTH, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("last checked"))
    first_failure_at = models.DateTimeField(_("failing since"), null=True, blank=True)
    failure_count = models.PositiveIntegerField(_("failed checks in a row"), default=0)

    objects = LinkCheckQuerySet.as_manager()

    BROKEN = (Status.GONE, Status.UNREACHABLE, Status.BLOCKED)

    class Meta:
        ordering = ["url"]
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["ok", "redirected", "gone", "unreachable", "blocked"]),
                name="link_check_status_valid",
            )
        ]
        indexes = [models.Index(fields=["status"], name="link_check_status_idx")]

    def __str__(self):
        return f"{self.url} ({self.get_status_display()})"

    @property
    def is_broken(self):
        return self.status in self.BROKEN

    def record_success(self, *, status, http_status, final_url, now):
        self.status, self.http_status, self.final_url, self.note = status, http_status, final_url, ""
        self.checked_at, self.first_failure_at, self.failure_count = now, None, 0

    def record_failure(self, *, http_status, note, now):
        """A failed check. Gone only after LEDGER_GONE_AFTER_FAILURES failures in a row over at
        least LEDGER_GONE_AFTER_DAYS days: one timeout or a bad day of a server is not enough."""
        self.http_status, self.note, self.checked_at, self.final_url = http_status, note[:300], now, ""
        self.failure_count += 1
        self.first_failure_at = self.first_failure_at or now
        failing_for = now - self.first_failure_at
        gone = self.failure_count >= settings.LEDGER_GONE_AFTER_FAILURES and failing_for >= timedelta(
            days=settings.LEDGER_GONE_AFTER_DAYS
        )
        self.status = self.Status.GONE if gone else self.Status.UNREACHABLE

    def record_blocked(self, *, http_status, note, now):
        """Refused by the site (401, 403, 429, 451) or by our fetcher: says nothing about
        whether the page is still there, so the failure count stays as it was."""
        self.status, self.http_status, self.checked_at = self.Status.BLOCKED, http_status, now
        self.note = note[:300]


def archive_upload_to(instance, filename):
    return f"ledger/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.warc.gz"


class ArchivedCopyQuerySet(models.QuerySet):
    def public(self, now=None):
        """Copies of sources cited by stories the public may see."""
        return self.filter(source__story__in=Story.objects.published(now).values("pk"))

    def of_current_links(self):
        """Copies of what each source's link is now: not of a link the editor has since changed."""
        return self.filter(cited_url=models.F("source__url"))


class ArchivedCopy(models.Model):
    """What a cited source's link returned when it was captured, kept in media storage as a
    WARC file (the response's status line, headers and body) with the body's checksum."""

    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="archived_copies", verbose_name=_("cited source")
    )
    # The source's link when the copy was made; `url` is where it led (after redirects).
    cited_url = models.URLField(_("link"), max_length=URL_MAX_LENGTH)
    url = models.URLField(_("captured address"), max_length=URL_MAX_LENGTH)
    warc = models.FileField(_("WARC file"), upload_to=archive_upload_to, max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 of the body"), max_length=64)
    captured_at = models.DateTimeField(_("captured"), default=timezone.now)

    objects = ArchivedCopyQuerySet.as_manager()

    class Meta:
        ordering = ["-captured_at", "-pk"]
        get_latest_by = ["captured_at", "pk"]
        verbose_name = _("archived copy")
        verbose_name_plural = _("archived copies")

    def __str__(self):
        return f"{self.url} ({self.captured_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("ledger:archived_copy", kwargs={"source_id": self.source_id})

    @property
    def is_html(self):
        return self.content_type in ("text/html", "application/xhtml+xml")

    def read(self):
        """(body, Content-Type header) as captured, from the stored WARC record."""
        from warcio.archiveiterator import ArchiveIterator

        with self.warc.open("rb") as stored:
            for record in ArchiveIterator(io.BytesIO(stored.read())):
                if record.rec_type == "response":
                    header = record.http_headers.get_header("Content-Type") or self.content_type
                    return record.content_stream().read(), header
        return b"", self.content_type
