"""What several models share: generated upload names and the rich-text column."""

import uuid

from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from newsroom import rich_text
from newsroom.sanitize import clean_html


def image_upload_to(instance, filename):
    """Stored names are generated; the uploaded file's name is never used."""
    return f"images/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1].lower()}"


class RichTextField(ProseEditorField):
    """A text column of clean HTML, written with the rich-text editor in admin.

    `clean_html` runs in the form (so previews built from a form's data are clean), in model
    validation, and in the models' `save()`. Migrations see a plain TextField.
    """

    def __init__(self, *args, extensions=rich_text.BODY, **kwargs):
        super().__init__(*args, extensions=extensions, sanitize=clean_html, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"sanitize": self.sanitize, **kwargs})
