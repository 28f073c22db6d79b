import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import validate_image
from tests.factories import image_bytes, make_story, uploaded_image

pytestmark = pytest.mark.django_db


def png_claiming_size(width, height):
    """A tiny PNG whose header claims huge dimensions: a decompression bomb."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "GIF"])
def test_real_images_of_allowed_formats_pass(fmt):
    validate_image(uploaded_image(f"x.{fmt.lower()}", fmt))


@pytest.mark.parametrize(
    "content, message",
    [
        (b"just some text, not an image", "not an image"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "not an image"),
        (image_bytes("BMP"), "Upload a JPEG, PNG, WebP or GIF"),
        (image_bytes("TIFF"), "Upload a JPEG, PNG, WebP or GIF"),
        (png_claiming_size(50_000, 50_000), "not an image"),
        (png_claiming_size(9_000, 9_000), "more than this site accepts"),
        (image_bytes("PNG", size=(300, 300))[:-40], "damaged"),
    ],
)
def test_bad_uploads_get_a_clear_error(content, message):
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("upload.png", content))
    assert message in " ".join(error.value.messages)


def test_oversized_file_is_refused_before_decoding(settings):
    settings.IMAGE_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="the limit is"):
        validate_image(SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * 5000))


def test_stored_image_has_a_generated_name_no_metadata_and_renditions():
    exif = Image.Exif()
    exif[0x8825] = {2: (19.0, 26.0, 0.0)}  # GPS latitude
    exif[0x010F] = "CameraMaker"
    upload = uploaded_image("../../etc/passwd secret-name.jpg", "JPEG", size=(1000, 600), exif=exif.tobytes())
    story = make_story(image=upload, image_alt="Alt text")
    assert "secret-name" not in story.image.name and "passwd" not in story.image.name
    with story.image.open("rb"), Image.open(story.image) as stored:
        assert not stored.getexif()
    widths = [r["width"] for r in story.image_renditions]
    assert widths == [480, 800, 1000]
    with default_storage.open(story.image_renditions[0]["name"]) as file, Image.open(file) as rendition:
        assert rendition.format == "WEBP" and rendition.width == 480


def test_renditions_are_made_once_and_reused():
    story = make_story(image=uploaded_image("a.png", size=(900, 500)))
    first = story.image_renditions
    story.headline = "Edited headline"
    story.save()
    assert story.image_renditions == first


def test_polyglot_image_is_stored_without_its_payload():
    """A real GIF with HTML and script appended (a GIF/HTML polyglot) is re-encoded: the
    stored file holds pixels only."""
    payload = b"<html><script>alert(document.cookie)</script></html>"
    polyglot = image_bytes("GIF") + payload
    upload = SimpleUploadedFile("innocent.gif", polyglot, content_type="image/gif")
    validate_image(upload)
    story = make_story(image=upload)
    with default_storage.open(story.image.name, "rb") as stored:
        content = stored.read()
    assert payload not in content and b"<script" not in content
    assert story.image.name.endswith(".gif") and "innocent" not in story.image.name


def test_svg_is_refused_even_with_an_image_extension():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'
    with pytest.raises(ValidationError, match="not an image"):
        validate_image(SimpleUploadedFile("photo.png", svg, content_type="image/png"))


def test_an_image_whose_frames_multiply_past_the_pixel_limit_is_refused(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100 * 3
    frames = [Image.new("RGB", (100, 100), (n * 20, 0, 0)) for n in range(6)]
    output = io.BytesIO()
    frames[0].save(output, "GIF", save_all=True, append_images=frames[1:])
    with pytest.raises(ValidationError, match="more than this site accepts"):
        validate_image(SimpleUploadedFile("anim.gif", output.getvalue()))
