"""Illustrations for the demo stories, drawn with Pillow when the demo loads.

Each section has its own motif (the seed story's concentric circles for crime and security,
columns for politics and justice, rising bars for the economy, a border line for
migration), in two colours picked from the story's slug, so that pages look like a real
front page without shipping photographs. Small, flat JPEGs: loading the demo stays quick.
"""

import hashlib
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

SIZE = (1200, 675)

# (name for the alt text, background, accent); backgrounds dark enough for light accents.
PALETTES = [
    ("navy and rust", "#1f3b57", "#c8553d"),
    ("slate and amber", "#2f3e46", "#e0a030"),
    ("deep green and sand", "#23453a", "#e6c98f"),
    ("plum and coral", "#4a2c4f", "#f08a6b"),
    ("charcoal and teal", "#2b2b2b", "#4fb3a9"),
    ("indigo and gold", "#2c2f6b", "#d9b441"),
]

# The section (top-level category) a motif belongs to; anything else gets circles.
MOTIFS = {
    "crime-and-violence": "circles",
    "politics": "columns",
    "economy": "bars",
    "migration": "border",
}

DESCRIPTIONS = {
    "circles": "concentric {accent} circles beside a {accent} bar, on {background}",
    "columns": "a row of {accent} columns under a pediment, on {background}",
    "bars": "rising {accent} bars, like a chart, on {background}",
    "border": "a dashed {accent} line with footpaths converging on it, on {background}",
}


def palette_for(slug):
    return PALETTES[int(hashlib.sha256(slug.encode()).hexdigest(), 16) % len(PALETTES)]


def describe(slug, section):
    """Alt text that says what the picture shows."""
    name, _, _ = palette_for(slug)
    background, accent = name.split(" and ")
    motif = MOTIFS.get(section, "circles")
    return "Illustration: " + DESCRIPTIONS[motif].format(accent=accent, background=background) + "."


def draw(slug, section, colors=None):
    """The story's illustration as a JPEG file ready to save in an ImageField; `colors`
    (background, accent) overrides the palette picked from the slug."""
    _, background, accent = palette_for(slug)
    if colors:
        background, accent = colors[0], colors[-1]
    image = Image.new("RGB", SIZE, background)
    pen = ImageDraw.Draw(image)
    motif = MOTIFS.get(section, "circles")
    globals()[f"_{motif}"](pen, *SIZE, accent)
    output = io.BytesIO()
    image.save(output, "JPEG", quality=80)
    return ContentFile(output.getvalue())


def _circles(pen, width, height, accent):
    for step in range(10):
        inset = step * 30
        box = [width * 0.55 + inset, height * 0.1 + inset, width * 1.2 - inset, height * 1.1 - inset]
        if box[0] < box[2] and box[1] < box[3]:
            pen.ellipse(box, outline=accent, width=5)
    pen.rectangle([0, height * 0.72, width * 0.45, height * 0.76], fill=accent)


def _columns(pen, width, height, accent):
    left, right, base = width * 0.15, width * 0.85, height * 0.8
    pen.polygon(
        [(left - 30, height * 0.32), (width / 2, height * 0.12), (right + 30, height * 0.32)], fill=accent
    )
    for n in range(6):
        x = left + n * (right - left - 60) / 5
        pen.rectangle([x, height * 0.38, x + 60, base], fill=accent)
    pen.rectangle([left - 40, base + 12, right + 40, base + 34], fill=accent)


def _bars(pen, width, height, accent):
    base = height * 0.85
    for n in range(7):
        x = width * 0.12 + n * width * 0.11
        pen.rectangle([x, base - (n + 2) * height * 0.08, x + width * 0.07, base], fill=accent)
    pen.line([(width * 0.08, base + 8), (width * 0.92, base + 8)], fill=accent, width=6)


def _border(pen, width, height, accent):
    y = height * 0.55
    for x in range(0, width, 70):
        pen.line([(x, y), (x + 40, y)], fill=accent, width=8)
    for n in range(5):
        start = (width * (0.1 + n * 0.2), height)
        pen.line([start, (width * (0.35 + n * 0.08), y + 20)], fill=accent, width=4)
    pen.ellipse(
        [width * 0.78, height * 0.12, width * 0.88, height * 0.12 + width * 0.1], outline=accent, width=6
    )
