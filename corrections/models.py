"""Readers' error reports: what a reader says the newsroom got wrong, and what editors did."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.models import web_url_validator


class ErrorReportQuerySet(models.QuerySet):
    def by_email(self, email):
        """The reports left with `email` (ignoring case), for export and erase."""
        return self.filter(email__iexact=email.strip())

    def for_queue(self):
        """What the editors' queue shows of each report, newest first."""
        return self.select_related("story", "item", "handled_by").order_by("-created_at", "-pk")

    def mark(self, state, *, by):
        """Set `state` on the reports not in it already, recording who and when; returns how many."""
        return self.exclude(state=state).update(state=state, handled_by=by, handled_at=timezone.now())


class ReportState(models.TextChoices):
    NEW = "new", _("new")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    DUPLICATE = "duplicate", _("duplicate")


class ErrorReport(models.Model):
    """A reader's report of an error in a story. It is never shown on a public page; the
    email, if left, is used once: to say that a correction was published."""

    State = ReportState

    story = models.ForeignKey(
        "articles.Story", on_delete=models.CASCADE, related_name="error_reports", verbose_name=_("story")
    )
    item = models.ForeignKey(
        "articles.RoundupItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("round-up item"),
    )
    what_is_wrong = models.TextField(_("what is wrong"), max_length=3000)
    source_url = models.URLField(
        _("supporting source"), max_length=500, blank=True, validators=[web_url_validator]
    )
    email = models.EmailField(_("email"), max_length=254, blank=True)
    ip_hash = models.CharField(_("IP hash"), max_length=64, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.NEW)
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    correction = models.ForeignKey(
        "articles.Correction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="error_reports",
        verbose_name=_("correction notice"),
    )
    notified_at = models.DateTimeField(_("reporter told"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        constraints = [
            models.CheckConstraint(condition=Q(state__in=ReportState.values), name="errorreport_state_valid"),
            models.CheckConstraint(
                condition=Q(duplicate_of__isnull=True) | Q(state="duplicate"),
                name="errorreport_duplicate_of_only_for_duplicates",
                violation_error_message=_("Only a report marked duplicate names the report it repeats."),
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-created_at"], name="errorreport_queue_idx"),
            models.Index(fields=["email"], name="errorreport_email_idx"),
        ]

    def __str__(self):
        return _("Error report %(pk)s on “%(story)s”") % {"pk": self.pk, "story": self.story}

    def clean(self):
        if self.duplicate_of_id is not None and self.duplicate_of_id == self.pk:
            raise ValidationError({"duplicate_of": _("A report cannot be a duplicate of itself.")})

    @property
    def excerpt(self):
        text = " ".join(self.what_is_wrong.split())
        return text if len(text) <= 90 else text[:89].rstrip() + "…"

    def accept(self, *, correction, by):
        """Accepted, with the notice it led to."""
        self.state, self.correction, self.duplicate_of = self.State.ACCEPTED, correction, None
        self.handled_by, self.handled_at = by, timezone.now()
        self.save(update_fields=["state", "correction", "duplicate_of", "handled_by", "handled_at"])
