"""Uploaded images: checked with Pillow before they are decoded, stored without metadata,
and turned once into WebP renditions for responsive `srcset`s."""

import io
import warnings
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def _open_header(file):
    """Open an image lazily: Pillow reads the header, not the pixels."""
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(file)


def validate_image(file):
    """Refuse anything but a real JPEG, PNG, WebP or GIF within the size and pixel limits."""
    if file.size is not None and file.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": file.size // 2**20 + 1, "limit": settings.IMAGE_MAX_BYTES // 2**20},
            code="too_large",
        )
    try:
        image = _open_header(file)
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError(
                _("Upload a JPEG, PNG, WebP or GIF image (this file is %(format)s).")
                % {"format": image.format},
                code="format",
            )
        width, height = image.size
        # Every frame of an animation is decoded when the image is re-encoded.
        frames = getattr(image, "n_frames", 1)
        if width * height * frames > settings.IMAGE_MAX_PIXELS:
            raise ValidationError(
                _("The image is %(w)d×%(h)d pixels, more than this site accepts.")
                % {"w": width, "h": height},
                code="too_many_pixels",
            )
        image.verify()
        # verify() passes a JPEG or GIF cut short; decoding it (as storing it will) does not.
        _open_header(file).load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("This file is not an image this site can use (JPEG, PNG, WebP or GIF)."),
            code="not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("The image file is damaged or incomplete."), code="damaged") from None
    finally:
        file.seek(0)


def without_metadata(file):
    """Re-encode an uploaded image, turned upright, with EXIF, GPS and comments dropped."""
    image = _open_header(file)
    extension = ALLOWED_FORMATS[image.format]
    output = io.BytesIO()
    if image.format == "GIF":
        frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
        frames[0].save(output, "GIF", save_all=len(frames) > 1, append_images=frames[1:], loop=0)
    else:
        upright = ImageOps.exif_transpose(image)
        if image.format == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        upright.save(output, image.format, quality=88)
    file.seek(0)
    return ContentFile(output.getvalue(), name=f"upload.{extension}")


def make_renditions(fieldfile):
    """Write WebP copies at the configured widths; return their descriptions for `srcset`."""
    with fieldfile.open("rb") as source_file:
        image = Image.open(source_file)
        image.load()
    image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    stem = PurePosixPath(fieldfile.name).stem
    widths = sorted({min(w, image.width) for w in settings.IMAGE_RENDITION_WIDTHS})
    renditions = []
    for width in widths:
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        output = io.BytesIO()
        resized.save(output, "WEBP", quality=80, method=4)
        name = default_storage.save(f"renditions/{stem}-{width}w.webp", ContentFile(output.getvalue()))
        renditions.append({"width": width, "height": height, "name": name, "source": fieldfile.name})
    return renditions


def store_upload_without_metadata(fieldfile):
    """If `fieldfile` holds a fresh upload, store a clean re-encoded copy in its place."""
    if fieldfile and not fieldfile._committed:
        clean = without_metadata(fieldfile.file)
        fieldfile.save(clean.name, clean, save=False)
