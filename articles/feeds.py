"""RSS 2.0 and Atom feeds for the site, each category (with its children), tag and author."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles.models import Author, Category, LibraryImage, Story
from newsroom.feeds import AtomFeed, RssFeed
from newsroom.rich_text import plain_text

FEED_LENGTH = 30


def absolute(path):
    return settings.SITE_URL + path


class SiteFeed(Feed):
    """All published stories. Subclasses narrow `stories()` and name themselves."""

    feed_type = RssFeed

    def title(self, obj=None):
        return settings.SITE_NAME

    def description(self, obj=None):
        return settings.SITE_DESCRIPTION

    def link(self, obj=None):
        return absolute(reverse("articles:front"))

    def feed_url(self, obj=None):
        return absolute(self.request_path)

    def get_object(self, request, *args, **kwargs):
        self.request_path = request.path
        return None

    def stories(self, obj):
        return Story.objects.published()

    def items(self, obj=None):
        # Feeds carry the full text, so the body is loaded after all.
        # Prefetched into lists (`to_attr`), so Django builds no queryset per story for them.
        stories = (
            self.stories(obj)
            .for_listing()
            .defer(None)
            .prefetch_related(Prefetch("tags", to_attr="feed_tags"), Prefetch("items", to_attr="feed_items"))
        )
        stories = list(stories.latest_first()[:FEED_LENGTH])
        # The figures of every story in the feed, in one query rather than one per story.
        images = LibraryImage.objects.shown_in(
            [html for story in stories for html in [story.body, *(item.body for item in story.feed_items)]]
        )
        for story in stories:
            story.library_images = images
        return stories

    def item_title(self, story):
        return story.headline

    def item_description(self, story):
        # Rendered without the request (Feed's `description_template` would run every
        # context processor once per item): the full text needs nothing but the story.
        return render_to_string("articles/feed_item.html", {"obj": story, "items": story.feed_items})

    def item_link(self, story):
        return absolute(story.get_absolute_url())

    def item_guid(self, story):
        return absolute(f"/story/{story.pk}/")

    item_guid_is_permalink = False

    def item_author_name(self, story):
        return ", ".join(author.name for author in story.byline_authors)

    def item_author_link(self, story):
        authors = story.byline_authors
        return absolute(authors[0].get_absolute_url()) if authors else None

    def item_pubdate(self, story):
        return story.published_at

    def item_updateddate(self, story):
        return story.updated_at or story.published_at

    def item_categories(self, story):
        names = [story.primary_category.name] if story.primary_category else []
        return names + [tag.name for tag in story.feed_tags]


class SiteAtomFeed(SiteFeed):
    feed_type = AtomFeed
    subtitle = SiteFeed.description


class CategoryFeed(SiteFeed):
    def get_object(self, request, slug):
        super().get_object(request)
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"{category.path_name} · {settings.SITE_NAME}"

    def description(self, category):
        return category.description or _("Stories in %(name)s") % {"name": category.name}

    def link(self, category):
        return absolute(category.get_absolute_url())

    def stories(self, category):
        return Story.objects.published().in_category(category)


class CategoryAtomFeed(CategoryFeed):
    feed_type = AtomFeed
    subtitle = CategoryFeed.description


class TagFeed(SiteFeed):
    def get_object(self, request, slug):
        super().get_object(request)
        return get_object_or_404(Tag, slug=slug)

    def title(self, tag):
        return f"{tag.name} · {settings.SITE_NAME}"

    def description(self, tag):
        return _("Stories tagged “%(name)s”") % {"name": tag.name}

    def link(self, tag):
        return absolute(reverse("articles:tag", args=[tag.slug]))

    def stories(self, tag):
        return Story.objects.published().tagged(tag)


class TagAtomFeed(TagFeed):
    feed_type = AtomFeed
    subtitle = TagFeed.description


class AuthorFeed(SiteFeed):
    def get_object(self, request, slug):
        super().get_object(request)
        return get_object_or_404(Author, slug=slug)

    def title(self, author):
        return f"{author.name} · {settings.SITE_NAME}"

    def description(self, author):
        return plain_text(author.bio) or _("Stories by %(name)s") % {"name": author.name}

    def link(self, author):
        return absolute(author.get_absolute_url())

    def stories(self, author):
        return Story.objects.published().by_author(author)


class AuthorAtomFeed(AuthorFeed):
    feed_type = AtomFeed
    subtitle = AuthorFeed.description
