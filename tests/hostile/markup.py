"""What a browser could run in a piece of HTML, for the hostile-input tests."""

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

SCRIPT_CAPABLE_TAGS = {
    "script", "iframe", "object", "embed", "svg", "math", "style", "form", "input", "meta", "base",
    "link", "body", "details", "textarea", "template", "noscript", "applet", "frame", "frameset",
    "video", "audio", "source", "isindex", "keygen", "marquee", "button", "select",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "cite", "background", "data", "action", "formaction", "poster", "xlink:href"}


def load_vectors():
    """The XSS corpus: one vector a line, backslash escapes decoded, '# ' lines are notes."""
    lines = (Path(__file__).parent / "xss_vectors.txt").read_text(encoding="ascii").splitlines()
    return [
        codecs.decode(line.encode("ascii"), "unicode_escape")
        for line in lines
        if line.strip() and not line.startswith("# ")
    ]


def runnable_parts(html):
    """What a browser could run in `html`: script-capable tags, event handlers, bad URLs."""
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in SCRIPT_CAPABLE_TAGS:
                found.append(tag)
            for name, value in attrs:
                if name.startswith("on") or name in {"style", "srcdoc", "formaction", "action"}:
                    found.append(name)
                if name in URL_ATTRIBUTES and value:
                    scheme = re.sub(r"[\x00-\x20]", "", value).lower().split(":", 1)
                    is_scheme = len(scheme) == 2 and re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme[0])
                    if is_scheme and scheme[0] not in {"http", "https", "mailto"}:
                        found.append(f"{name}={value}")

    Parser().feed(html)
    return found


# The XSS corpus as form input: the vectors with markup, NUL removed (forms refuse it).
MARKUP_VECTORS = [vector.replace("\x00", "") for vector in load_vectors() if "<" in vector]
