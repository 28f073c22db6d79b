"""Correction notices: added to a live story, never changed or deleted."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from articles.models.fields import RichTextField
from articles.models.stories import Story
from newsroom import rich_text
from newsroom.sanitize import clean_html


class CorrectionQuerySet(models.QuerySet):
    def public(self, now=None):
        """Notices of stories the public may see."""
        return self.filter(story__in=Story.objects.published(now).values("pk"))

    def for_register(self):
        """What the corrections register shows of each notice, newest first."""
        return self.select_related("story").order_by("-created_at", "-pk")


class Correction(models.Model):
    """A notice shown on the story. Live notices are only ever added to, never changed."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        UPDATE = "update", _("Update")

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind, default=Kind.CORRECTION)
    text = RichTextField(_("text"), max_length=3000, extensions=rich_text.SHORT_TEXT)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    # "Show the change": readers may see what the text said before and after (revisions of
    # the editor's desk, chosen when the notice is added).
    change_before = models.ForeignKey(
        "editorial.StoryRevision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("text before the change"),
    )
    change_after = models.ForeignKey(
        "editorial.StoryRevision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("text after the change"),
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("correction notice")
        verbose_name_plural = _("correction notices")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["correction", "clarification", "update"]),
                name="correction_kind_valid",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {strip_tags(self.text)[:60]}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("A correction notice cannot be changed once it is live; add a new one."))
        self.text = clean_html(rich_text.from_plain_text(self.text))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.story.get_absolute_url()}#notice-{self.pk}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A correction notice cannot be deleted once it is live."))

    def clean(self):
        before, after = self.change_before, self.change_after
        if (before is None) != (after is None):
            raise ValidationError(_("To show the change, choose the text before it and the text after it."))
        if before is None:
            return
        if {before.story_id, after.story_id} != {self.story_id or before.story_id}:
            raise ValidationError(_("Choose two revisions of this story."))
        if before.created_at >= after.created_at:
            raise ValidationError(
                {"change_after": _("The text after the change must be newer than the text before.")}
            )

    @property
    def shows_change(self):
        return self.change_before_id is not None and self.change_after_id is not None

    @property
    def inline_html(self):
        """The text to follow "Correction, date:" on one line: a single paragraph unwrapped."""
        text = self.text.strip()
        inner = text[3:-4]
        if text.startswith("<p>") and text.endswith("</p>") and "<p>" not in inner:
            return inner
        return text
