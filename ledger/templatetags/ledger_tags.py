from django import template

from ledger.public import with_ledger

register = template.Library()


@register.simple_tag
def sources_with_ledger(sources):
    """{% sources_with_ledger story.sources.all as sources %}: each with its archived copy."""
    return with_ledger(sources)
