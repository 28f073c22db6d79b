"""What a story is made of besides its body: round-up items and the sources it cites."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from articles.figures import render_figures
from articles.models.fields import RichTextField
from articles.models.stories import Story
from newsroom.sanitize import clean_html


class RoundupItem(models.Model):
    """One short story inside a round-up, with its own sub-headline and source line."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    headline = models.CharField(_("sub-headline"), max_length=200)
    anchor = models.SlugField(
        _("anchor"),
        max_length=80,
        blank=True,
        help_text=_("The item's address on the story page; kept when the sub-headline changes."),
    )
    body = RichTextField(_("body"))
    source_line = models.CharField(
        _("source line"),
        max_length=300,
        blank=True,
        help_text=_("Who reported it, e.g. “U.S. Embassy in China”. Separate several with “;”."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("round-up item")
        verbose_name_plural = _("round-up items")
        constraints = [models.UniqueConstraint(fields=["story", "anchor"], name="unique_item_anchor")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        if not self.anchor:
            self.anchor = self._free_anchor()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.story.get_absolute_url()}#{self.anchor}"

    @property
    def body_html(self):
        """The body as readers see it; its story loads the page's library images at once."""
        return render_figures(self.body, self.story.library_images)

    def _free_anchor(self):
        base = slugify(self.headline)[:70] or "item"
        taken = set(
            RoundupItem.objects.filter(story_id=self.story_id)
            .exclude(pk=self.pk)
            .values_list("anchor", flat=True)
        )
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        return anchor

    @property
    def sources(self):
        return [s.strip() for s in self.source_line.split(";") if s.strip()]


language_code_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", _("Use an ISO 639 language code such as “en” or “es”.")
)


class Source(models.Model):
    """A work the story relies on: a press release, an article, a report."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="sources")
    item = models.ForeignKey(
        RoundupItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_sources",
        verbose_name=_("round-up item"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title of the work"), max_length=300)
    outlet = models.CharField(_("outlet or publisher"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    language = models.CharField(
        _("language"), max_length=16, default="en", validators=[language_code_validator]
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    accessed_on = models.DateField(_("access date"), null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("cited source")
        verbose_name_plural = _("cited sources")

    def __str__(self):
        return f"“{self.title}” {self.outlet}"

    def clean(self):
        if self.item_id and self.item.story_id != self.story_id:
            raise ValidationError({"item": _("Choose a round-up item of this story.")})
