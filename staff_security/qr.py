"""The authenticator app's set-up QR code, drawn as inline SVG: no style attributes, so it
shows under the admin's strict Content Security Policy."""

import qrcode
import qrcode.image.svg
from django.utils.html import escape
from django.utils.safestring import mark_safe


def qr_svg(data, *, label):
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = image.to_string(encoding="unicode")
    # The markup is the library's, drawn from our own data; only the label is added.
    attributes = f'class="qr-code" role="img" aria-label="{escape(label)}"'
    return mark_safe(svg.replace("<svg ", f"<svg {attributes} ", 1))
