"""The per-story feed of approved comments. Built from `Comment.objects.public()`, so the
commenters' emails are never loaded, let alone published."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import Story
from comments.models import Comment
from newsroom.feeds import RssFeed

FEED_LENGTH = 50


class StoryCommentsFeed(Feed):
    feed_type = RssFeed

    def get_object(self, request, slug):
        self.request_path = request.path
        return get_object_or_404(Story.objects.published(), slug=slug)

    def title(self, story):
        return _("Comments on “%(headline)s”") % {"headline": story.headline}

    def description(self, story):
        return _("Published reader comments on a story of %(site)s.") % {"site": settings.SITE_NAME}

    def link(self, story):
        return settings.SITE_URL + story.get_absolute_url() + "#comments"

    def feed_url(self, story):
        return settings.SITE_URL + self.request_path

    def items(self, story):
        return Comment.objects.public().filter(story=story).order_by("-created_at", "-pk")[:FEED_LENGTH]

    def item_title(self, comment):
        return _("Comment by %(name)s") % {"name": comment.name}

    def item_description(self, comment):
        return comment.text_html

    def item_link(self, comment):
        return settings.SITE_URL + reverse("comments:permalink", args=[comment.pk])

    def item_author_name(self, comment):
        return comment.name

    def item_pubdate(self, comment):
        return comment.created_at
