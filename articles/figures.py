"""Library images in rich text. The editor stores a figure as
`<figure><img src=... alt=... data-image="ID"><figcaption>...</figcaption></figure>`;
readers get the library image's renditions, the caption and the credit.

Stored text is the sanitiser's output (quoted attributes, "<" escaped in attribute values
and text), so a figure runs from `<figure` to the first `</figure>` and its parts can be
found without a full parse.
"""

import re
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

FIGURE = re.compile(r"<figure\b.*?</figure>", re.DOTALL)
IMAGE_ID = re.compile(r'\sdata-image="(\d+)"')
CAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.DOTALL)


def library_image_ids(html):
    """Ids of the library images `html` shows."""
    return {int(pk) for pk in IMAGE_ID.findall(html or "")}


def render_figures(html, images):
    """`html` with each library figure as readers see it; `images` maps ids to LibraryImages.

    A figure whose image has left the library is left out.
    """
    html = html or ""
    if "data-image" not in html:
        return mark_safe(html)
    return mark_safe(FIGURE.sub(lambda match: _reader_figure(match[0], images), html))


def _reader_figure(stored, images):
    found = IMAGE_ID.search(stored)
    if found is None:
        return stored
    image = images.get(int(found[1]))
    if image is None or not image.renditions:
        return ""
    caption = CAPTION.search(stored)
    context = {
        "image": image,
        "alt": _image_attributes(stored).get("alt") or image.alt_text,
        # The caption as edited in the story (stored clean), else the library's.
        "caption": mark_safe(caption[1]) if caption and caption[1].strip() else image.caption,
    }
    return render_to_string("includes/_library_figure.html", context)


def _image_attributes(stored):
    found = {}

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img" and not found:
                found.update((name, value or "") for name, value in attrs)

    Parser().feed(stored)
    return found
