"""Feed generators whose titles are plain text.

Many feed readers render a feed's or an item's title as HTML. Titles are built from
headlines and commenters' names, which forms already keep free of markup; these generators
strip tags from every title again, so that nothing a reader typed can become markup in a
feed reader even if it got past a form.
"""

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags


def plain_title(title):
    """The title without tags, and without any stray angle bracket left by a broken tag."""
    return strip_tags(str(title)).replace("<", "").replace(">", "")


class PlainTitles:
    def __init__(self, title, *args, **kwargs):
        super().__init__(plain_title(title), *args, **kwargs)

    def add_item(self, title, *args, **kwargs):
        super().add_item(plain_title(title), *args, **kwargs)


class RssFeed(PlainTitles, Rss201rev2Feed):
    pass


class AtomFeed(PlainTitles, Atom1Feed):
    pass
