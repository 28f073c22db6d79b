"""The one place that turns untrusted HTML or text into safe HTML.

This is the only module that imports the sanitiser library (bleach), so replacing it
(for example with nh3) is a change to this file alone. Rich text is cleaned when it is
saved; templates print the stored result as safe.
"""

import html as html_lib
import re

import bleach
from bleach.linkifier import Linker
from django.utils.html import strip_tags

from newsroom.rich_text import LINK_PROTOCOLS, allowlist

# Derived from the editor's extensions (newsroom/rich_text.py): the site keeps exactly what
# the editor can make. Older markup outside it (tables, code, underline ...) is dropped on save,
# its text kept; the editor says so when it opens such a text.
ALLOWED_TAGS, ALLOWED_ATTRIBUTES = allowlist()
ALLOWED_PROTOCOLS = LINK_PROTOCOLS

# <b> and <i> (Word, older stories) mean what the editor calls bold and italic. Google Docs
# wraps a whole paste in <b style="font-weight:normal">, which is not bold at all.
_NOT_BOLD = re.compile(r"<b\b[^>]*(?<![\w-])font-weight:\s*(?:normal|400)\b[^>]*>", re.IGNORECASE)
_PRESENTATIONAL = re.compile(r"<(/?)(b|i)\b", re.IGNORECASE)
_RENAMED = {"b": "strong", "i": "em"}

# Tags whose content is dropped along with the tag, rather than kept as text.
_DROP_WITH_CONTENT = re.compile(
    r"<(script|style|template|noscript|iframe|object|embed|svg|math|title|textarea|xmp)\b.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)


def clean_html(html):
    """Return `html` reduced to the newsroom's allowlist of tags, attributes and URL schemes,
    or "" when it holds nothing to show."""
    if not html:
        return ""
    html = html.replace("\x00", "")
    html = _DROP_WITH_CONTENT.sub("", html)
    html = _NOT_BOLD.sub("<span>", html)
    html = _PRESENTATIONAL.sub(lambda m: f"<{m[1]}{_RENAMED[m[2].lower()]}", html)
    cleaned = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    cleaned = cleaned.strip()
    # The editor sends "<p></p>" for an empty field: nothing to show is an empty text.
    return cleaned if strip_tags(cleaned).strip() or "<img" in cleaned else ""


def _nofollow_ugc(attrs, new=False):
    href_key = (None, "href")
    if href_key not in attrs:
        return attrs
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


_comment_linker = Linker(callbacks=[_nofollow_ugc], skip_tags={"pre", "code"}, parse_email=False)


def text_to_html(text):
    """Render a reader's plain text as paragraphs with auto-linked URLs.

    The text is escaped first, so nothing the reader typed can become markup.
    """
    text = (text or "").replace("\x00", "").replace("\r\n", "\n").strip()
    paragraphs = [p.strip() for p in re.split(r"\n{2,}", text) if p.strip()]
    parts = []
    for paragraph in paragraphs:
        escaped = html_lib.escape(paragraph, quote=False)
        linked = _comment_linker.linkify(escaped.replace("\n", "<br>\n"))
        parts.append(f"<p>{linked}</p>")
    # A second pass through the allowlist guards against anything the linker produced.
    return bleach.clean(
        "\n".join(parts),
        tags={"p", "br", "a"},
        attributes={"a": ["href", "rel"]},
        protocols={"http", "https"},
        strip=True,
    )
