"""Authors and the bylines that put them on stories, in order."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.images import store_upload_without_metadata, validate_image
from articles.models.fields import RichTextField, image_upload_to
from newsroom import rich_text
from newsroom.sanitize import clean_html


class Author(models.Model):
    name = models.CharField(_("display name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    # Room for the markup around a thousand characters of text.
    bio = RichTextField(_("short bio"), blank=True, max_length=1500, extensions=rich_text.SHORT_TEXT)
    photo = models.ImageField(_("photo"), upload_to=image_upload_to, blank=True, validators=[validate_image])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        verbose_name=_("user account"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.bio = clean_html(rich_text.from_plain_text(self.bio))
        store_upload_without_metadata(self.photo)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class StoryAuthor(models.Model):
    """A byline: which author, in which position."""

    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("author")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [models.UniqueConstraint(fields=["story", "author"], name="one_byline_per_author")]

    def __str__(self):
        return str(self.author)
