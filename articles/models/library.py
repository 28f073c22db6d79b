"""The image library: pictures editors place in story text."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import ProtectedError, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.figures import library_image_ids
from articles.images import make_renditions, store_upload_without_metadata, validate_image
from articles.models.fields import image_upload_to
from articles.models.renderings import StoryRendering


def delete_stored_files(names):
    for name in names:
        default_storage.delete(name)


class LibraryImageQuerySet(models.QuerySet):
    def search(self, query):
        """Images whose alt text, caption or credit hold every word of `query`."""
        images = self
        for word in query.split()[:10]:
            images = images.filter(
                Q(alt_text__icontains=word) | Q(caption__icontains=word) | Q(credit__icontains=word)
            )
        return images

    def shown_in(self, bodies):
        """{id: image} for the figures of the rich-text `bodies`: one query, none without figures."""
        ids = set().union(*(library_image_ids(html) for html in bodies))
        return self.in_bulk(ids) if ids else {}

    def delete(self):
        """Refused while any of them is in a story; their files go once the rows are gone."""
        images = list(self)
        for image in images:
            image.refuse_if_used()
        names = [name for image in images for name in image.stored_names()]
        deleted = super().delete()
        transaction.on_commit(lambda: delete_stored_files(names), using=self.db)
        return deleted


class LibraryImage(models.Model):
    """A picture editors place in story text: stored without metadata, with the same WebP
    renditions as a featured image, and the words that go with it wherever it is shown."""

    file = models.ImageField(_("image"), upload_to=image_upload_to, validators=[validate_image])
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=150, blank=True)
    renditions = models.JSONField(default=list, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = LibraryImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("library image")
        verbose_name_plural = _("image library")

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        adding = self._state.adding
        replaced = self._replaced_files()
        store_upload_without_metadata(self.file)
        super().save(*args, **kwargs)
        if replaced:
            transaction.on_commit(lambda: delete_stored_files(replaced), using=kwargs.get("using"))
        self._refresh_renditions()
        if not adding:  # a new image is in no story yet
            # After the renditions, which the signals fired by the save above do not see yet.
            StoryRendering.objects.mark_stale(self.stories_using().values("pk"))

    def delete(self, *args, **kwargs):
        self.refuse_if_used()
        names = self.stored_names()
        deleted = super().delete(*args, **kwargs)
        transaction.on_commit(lambda: delete_stored_files(names), using=kwargs.get("using"))
        return deleted

    def _replaced_files(self):
        """The stored files a fresh upload replaces, to remove after the save."""
        if self.pk is None or not self.file or self.file._committed:
            return []
        before = LibraryImage.objects.filter(pk=self.pk).first()
        return before.stored_names() if before else []

    def _refresh_renditions(self):
        made_from = self.renditions[0]["source"] if self.renditions else ""
        if self.file.name != made_from:
            self.renditions = make_renditions(self.file)
            LibraryImage.objects.filter(pk=self.pk).update(renditions=self.renditions)

    def stored_names(self):
        return [name for name in [self.file.name, *(r["name"] for r in self.renditions)] if name]

    def stories_using(self):
        """Stories whose body or round-up items show it, whatever their status."""
        from articles.models.stories import Story  # stories.py imports this module

        marker = f'data-image="{self.pk}"'
        return Story.objects.filter(Q(body__contains=marker) | Q(items__body__contains=marker)).distinct()

    def refuse_if_used(self):
        stories = list(self.stories_using()[:5])
        if stories:
            raise ProtectedError(self.in_use_message(stories), set(stories))

    def in_use_message(self, stories):
        names = ", ".join(f"“{story.headline}”" for story in stories)
        return ngettext(
            "“%(image)s” is in the story %(stories)s. Take it out of the story before deleting it.",
            "“%(image)s” is in the stories %(stories)s. Take it out of them before deleting it.",
            len(stories),
        ) % {"image": self, "stories": names}

    @property
    def preview(self):
        """The rendition the admin shows (about 480 pixels wide)."""
        return self.renditions[0] if self.renditions else None
