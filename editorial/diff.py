"""Word-level differences between two story snapshots, for the compare page."""

import difflib
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# Block-level ends become line breaks, so paragraphs stay apart in the plain text.
_BLOCK_END = re.compile(r"</(p|h[2-6]|li|blockquote|figcaption|figure)>|<br\s*/?>", re.IGNORECASE)
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


def plain_text(html):
    text = strip_tags(_BLOCK_END.sub("\n", html or ""))
    return re.sub(r"\n{2,}", "\n", text).strip()


def _merged_opcodes(a, b):
    """The matcher's opcodes, with changes separated only by spaces joined into one, so that
    a rewritten sentence reads as one removal and one addition, not word by word."""
    merged = []
    for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        tag, i1, i2, j1, j2 = op
        if tag != "equal" and len(merged) >= 2 and merged[-2][0] != "equal" and merged[-1][0] == "equal":
            gap = merged[-1]
            if all(token.isspace() for token in a[gap[1] : gap[2]]):
                merged.pop()
                first = merged.pop()
                op = ("replace", first[1], i2, first[3], j2)
        elif tag != "equal" and merged and merged[-1][0] != "equal":
            first = merged.pop()
            op = ("replace", first[1], i2, first[3], j2)
        merged.append(op)
    return merged


def _marked(tag, words, announce):
    """`words` in <del> or <ins>; `announce` adds hidden words saying so to screen readers,
    which do not read these elements out, and readers who do not see the colours."""
    if not announce:
        return f"<{tag}>{escape(words)}</{tag}>"
    said = _("removed:") if tag == "del" else _("added:")
    return (
        f'<{tag}><span class="visually-hidden">[{said} </span>{escape(words)}'
        f'<span class="visually-hidden">]</span></{tag}>'
    )


def word_diff(old, new, announce=False):
    """`new` against `old` as HTML: removed words in <del>, added words in <ins>."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    parts = []
    for op, i1, i2, j1, j2 in _merged_opcodes(a, b):
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(_marked("del", "".join(a[i1:i2]), announce) + (" " if j2 > j1 else ""))
        if j2 > j1:
            parts.append(_marked("ins", "".join(b[j1:j2]), announce))
    return mark_safe("".join(parts))


def _item_text(item):
    return "\n".join(p for p in (item.get("source_line") or "", plain_text(item.get("body"))) if p)


def _source_text(source):
    parts = [source.get("title"), source.get("outlet"), source.get("url"), source.get("language")]
    return " · ".join(p for p in parts if p)


def _rows(old_rows, new_rows, title, text, announce=False):
    """Pair rows by id (new rows without one pair with nothing) and diff each pair."""
    old_by_id = {row.get("id"): row for row in old_rows if row.get("id")}
    paired, seen = [], set()
    for row in new_rows:
        old = old_by_id.get(row.get("id")) if row.get("id") else None
        if old:
            seen.add(row["id"])
        paired.append((old, row))
    paired += [(row, None) for row in old_rows if row.get("id") not in seen]
    return [
        {
            "label": word_diff(title(old) if old else "", title(new) if new else "", announce),
            "diff": word_diff(text(old) if old else "", text(new) if new else "", announce),
            "changed": old is None or new is None or (title(old), text(old)) != (title(new), text(new)),
        }
        for old, new in paired
    ]


def compare_snapshots(old, new, *, with_sources=True, announce=False):
    """The compare page's sections: headline, standfirst, body, round-up items and (for
    editors) sources. `announce`: see `_marked`."""
    fields = [
        (_("Headline"), old.get("headline"), new.get("headline"), False),
        (_("Standfirst"), old.get("standfirst"), new.get("standfirst"), False),
        (_("Body"), plain_text(old.get("body")), plain_text(new.get("body")), True),
    ]
    item_title, source_title = (lambda r: r.get("headline", "")), (lambda r: r.get("title", ""))
    return {
        "fields": [
            # An unchanged body is not repeated in full ("long").
            {
                "label": label,
                "diff": word_diff(a, b, announce),
                "changed": (a or "") != (b or ""),
                "long": long,
            }
            for label, a, b, long in fields
        ],
        "items": _rows(old.get("items", []), new.get("items", []), item_title, _item_text, announce),
        "sources": _rows(old.get("sources", []), new.get("sources", []), source_title, _source_text)
        if with_sources
        else [],
    }
