"""Round-up items and their sources: an item that reports facts says where they come from,
in its source line or through a cited source linked to it. LEDGER_ITEM_SOURCE_RULE chooses
whether an item with neither blocks publishing ("block") or only warns the editor ("warn").

Imports nothing from articles: articles' publishing checks call it."""

from django.conf import settings


def item_has_source(item):
    if item.source_line.strip():
        return True
    # Sources are linked to saved items; a new item's cited sources come with a later save.
    return item.pk is not None and any(True for _ in item.cited_sources.all()[:1])


def item_blocks_publishing(item):
    """True when the rule is "block" and the item has neither a source line nor a source."""
    return settings.LEDGER_ITEM_SOURCE_RULE == "block" and not item_has_source(item)


def items_without_source(items):
    return [item for item in items if not item_has_source(item)]
