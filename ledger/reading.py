"""A captured page made safe to show: decoded, then reduced to the newsroom's allowlist by the
project's sanitiser (no scripts, styles, forms, frames, event handlers or javascript: links)."""

import re

from django.utils.html import escape

from newsroom.sanitize import clean_html

META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
BODY = re.compile(r"<body\b[^>]*>(.*)</body\s*>", re.IGNORECASE | re.DOTALL)
# Forms go whole, their buttons' and options' words with them (the sanitiser keeps the text
# of tags it strips).
FORMS = re.compile(r"<(form|button|select|nav)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# The allowlist has h2 to h4; a page's own headings keep their rank among them.
HEADINGS = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def _heading(match):
    return f"<{match[1]}h{min(max(int(match[2]) + 1, 2), 4)}"


def decode(body, content_type_header=""):
    match = re.search(r"charset=([\w-]+)", content_type_header or "", re.IGNORECASE)
    sniffed = META_CHARSET.search(body[:4096])
    for charset in (match and match[1], sniffed and sniffed[1].decode("ascii"), "utf-8"):
        if charset:
            try:
                return body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("utf-8", errors="replace")


def readable_html(body, content_type_header, *, kind):
    """Safe HTML for the captured `body`: the page's body text and links, or plain text."""
    text = decode(body, content_type_header)
    if kind == "text/plain":
        return f"<pre>{escape(text)}</pre>"
    match = BODY.search(text)
    page = FORMS.sub("", match[1] if match else text)
    return clean_html(HEADINGS.sub(_heading, page))
