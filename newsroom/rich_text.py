"""What rich text may contain: the one declaration that the admin's editor and the
sanitiser's allowlist (`newsroom.sanitize`) are both built from.

The public site keeps paragraphs, headings h2-h4, bold, italic, links, bulleted and numbered
lists, block quotes and figures (a library image with its caption). The editor offers exactly
these, and `allowlist()` turns the same extensions into the tags and attributes bleach keeps,
so what an editor can make is what the site stores, and nothing else.
"""

import html
import re

from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import add_tags_and_attributes, allowlist_from_extensions, html_tags

# Link schemes kept in `href` (the editor's link dialog accepts a few more; they are dropped).
LINK_PROTOCOLS = frozenset({"http", "https", "mailto"})

# Each button a tab stop of its own was a long walk for keyboard users: one group a row,
# no drop-downs (their trigger is not a button).
MENU_GROUPS = [
    {"group": "blockType -lists"},
    {"group": "lists"},
    {"group": "nodes -blockType -lists"},
    {"group": "marks"},
    {"group": "link"},
    {"group": "history"},
]

# The toolbar's names for screen readers and tooltips, by menu item; "%(level)s" is the
# heading's level.
TOOLBAR_LABELS = {
    "paragraph": _("Paragraph"),
    "heading": _("Heading %(level)s"),
    "bulletList": _("Bulleted list"),
    "orderedList": _("Numbered list"),
    "blockquote": _("Block quote"),
    "bold": _("Bold"),
    "italic": _("Italic"),
    "link": _("Link"),
    "unlink": _("Remove link"),
    "history:undo": _("Undo"),
    "history:redo": _("Redo"),
}


def _library_image(config, shared_config):
    """A figure's image: a picture from the image library, named by its id (`data-image`)
    so that public pages can show its renditions, caption and credit."""
    add_tags_and_attributes(shared_config, ["img"], {"img": ["src", "alt", "width", "height", "data-image"]})


# The editor's own extensions (static/js/rich-text-editor.js), for the setting
# DJANGO_PROSE_EDITOR_EXTENSIONS: the module to load and what each extension lets through.
PROJECT_EXTENSIONS = [
    {
        "js": [lazy(static, str)("js/rich-text-editor.js")],
        # "Image" replaces the editor's own: a figure shows a library image, not any URL.
        "extensions": {"Image": _library_image, "NewsroomEditor": html_tags([])},
    }
]

_EDITOR = {
    # Toolbar layout, Tiptap's base styles from a stylesheet (the admin's CSP refuses the
    # inline <style> it would add), labels, and the notice about formatting it cannot keep.
    "NewsroomEditor": {
        "stylesheet": lazy(static, str)("css/rich-text-editor.css"),
        "labels": TOOLBAR_LABELS,
        "toolbarLabel": _("Formatting"),
        "lostFormatting": _(
            "This text contains formatting the site no longer keeps (%(tags)s). Saving it removes "
            "that formatting; the words stay."
        ),
    },
    "Menu": {"groups": MENU_GROUPS},
    "NoSpellCheck": False,  # reporters want their browser's spell checker
}

# Story bodies and round-up items.
BODY = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Figure": True,
    "Caption": True,
    "Image": {
        "chooserUrl": reverse_lazy("admin:articles_libraryimage_chooser"),
        "label": _("Insert an image from the library"),
        "failed": _("The image library could not be reached. Please try again."),
    },
    **_EDITOR,
}

# Author bios and correction notices: a few sentences, no headings, lists or figures.
SHORT_TEXT = {name: BODY[name] for name in ("Bold", "Italic", "Link", "HardBreak", *_EDITOR)}


def allowlist():
    """Tags and attributes the editor's extensions produce, for the sanitiser.

    Built from BODY, which every other set of extensions is a part of.
    """
    config = allowlist_from_extensions(BODY)
    return frozenset(config["tags"]), {tag: sorted(names) for tag, names in config["attributes"].items()}


def plain_text(markup):
    """Rich text as plain words, for meta descriptions, feeds' summaries and structured data."""
    return html.unescape(strip_tags(markup or "")).strip()


def from_plain_text(text):
    """Text without any markup (bios and notices were plain text) as the same words in
    paragraphs and line breaks, as the editor would hold them; markup is left as it is."""
    if not text or "<" in text:
        return text
    paragraphs = re.split(r"\n{2,}", text.replace("\r\n", "\n").strip())
    # Quotes stay as they are: in text they need no escaping, and the editor writes them bare.
    escaped = (html.escape(p.strip(), quote=False).replace("\n", "<br>") for p in paragraphs if p.strip())
    return "".join(f"<p>{paragraph}</p>" for paragraph in escaped)
