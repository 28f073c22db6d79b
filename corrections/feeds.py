"""RSS 2.0 and Atom feeds of the corrections register."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from articles.feeds import absolute
from articles.models import Correction
from newsroom.feeds import AtomFeed, RssFeed

FEED_LENGTH = 30


class CorrectionsFeed(Feed):
    feed_type = RssFeed

    def title(self):
        return _("Corrections and updates · %(site)s") % {"site": settings.SITE_NAME}

    def description(self):
        return _("Every correction, clarification and update notice, newest first.")

    def link(self):
        return absolute(reverse("corrections:register"))

    def feed_url(self):
        return absolute(reverse(f"corrections:{self.url_name}"))

    url_name = "feed_rss"

    def items(self):
        return Correction.objects.public().for_register()[:FEED_LENGTH]

    def item_title(self, notice):
        # Tags stripped: many feed readers show a title as HTML.
        return strip_tags(f"{notice.get_kind_display()}: {notice.story.headline}")

    def item_description(self, notice):
        return notice.text

    def item_link(self, notice):
        return absolute(notice.get_absolute_url())

    def item_guid(self, notice):
        return absolute(f"/corrections/notice/{notice.pk}/")

    item_guid_is_permalink = False

    def item_pubdate(self, notice):
        return notice.created_at

    def item_updateddate(self, notice):
        return notice.created_at


class CorrectionsAtomFeed(CorrectionsFeed):
    feed_type = AtomFeed
    url_name = "feed_atom"

    def subtitle(self):
        return self.description()
