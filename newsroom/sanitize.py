"""The one place that turns untrusted HTML or text into safe HTML.

This is the only module that imports the sanitiser library (bleach), so replacing it
(for example with nh3) is a change to this file alone. Rich text is cleaned when it is
saved; templates print the stored result as safe.
"""

import html as html_lib
import re

import bleach
from bleach.linkifier import Linker

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "em", "figcaption",
        "figure", "h2", "h3", "h4", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s",
        "small", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "hreflang", "lang"],
    "abbr": ["title"],
    "blockquote": ["cite", "lang"],
    "img": ["src", "alt", "width", "height"],
    "q": ["cite", "lang"],
    "p": ["lang"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

# Tags whose content is dropped along with the tag, rather than kept as text.
_DROP_WITH_CONTENT = re.compile(
    r"<(script|style|template|noscript|iframe|object|embed|svg|math|title|textarea|xmp)\b.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)


def clean_html(html):
    """Return `html` reduced to the newsroom's allowlist of tags, attributes and URL schemes."""
    if not html:
        return ""
    html = html.replace("\x00", "")
    html = _DROP_WITH_CONTENT.sub("", html)
    cleaned = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return cleaned.strip()


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
