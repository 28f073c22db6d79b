"""Library images for tests, and story text that shows them as the editor stores it."""

from articles.models import LibraryImage
from tests.factories import uploaded_image


def make_library_image(alt_text="Pills laid out on a table", size=(1000, 600), **fields):
    fields.setdefault("caption", "Pills seized in Nogales.")
    fields.setdefault("credit", "Newsroom photo")
    upload = fields.pop("file", None) or uploaded_image("photo.jpg", "JPEG", size=size)
    return LibraryImage.objects.create(file=upload, alt_text=alt_text, **fields)


def figure_html(image, caption=None, alt=None):
    """A figure as the editor writes it: the image named by its id, its caption editable."""
    caption = image.caption if caption is None else caption
    alt = image.alt_text if alt is None else alt
    return (
        f'<figure class="figure"><img src="/admin/articles/libraryimage/{image.pk}/picture/" '
        f'alt="{alt}" width="800" height="480" data-image="{image.pk}">'
        + (f"<figcaption>{caption}</figcaption>" if caption else "")
        + "</figure>"
    )
