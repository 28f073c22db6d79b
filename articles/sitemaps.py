"""sitemap.xml sections and the Google News sitemap. Addresses use SITE_URL, not the
request's host, so that no stand-in domain reaches search engines."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Author, Category, Story


class SiteSitemap(Sitemap):
    limit = 5000

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme


class StorySitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Story.objects.published().only("slug", "published_at", "updated_at").latest_first()

    def lastmod(self, story):
        return story.updated_at or story.published_at


def last_published(**link):
    """The newest public story's publication time among those linked to the outer row."""
    latest = Story.objects.published().filter(**link).order_by("-published_at")
    return Subquery(latest.values("published_at")[:1])


class CategorySitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.annotate(last=last_published(primary_category=OuterRef("pk"))).order_by("pk")

    def lastmod(self, category):
        return category.last


class TagSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return (
            Tag.objects.annotate(last=last_published(tags=OuterRef("pk")))
            .filter(last__isnull=False)
            .order_by("pk")
        )

    def location(self, tag):
        return reverse("articles:tag", args=[tag.slug])

    def lastmod(self, tag):
        return tag.last


class AuthorSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Author.objects.annotate(last=last_published(authors=OuterRef("pk")))
            .filter(last__isnull=False)
            .order_by("pk")
        )

    def lastmod(self, author):
        return author.last


SITEMAPS = {
    "stories": StorySitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}

NEWS_WINDOW = timedelta(hours=48)


def recent_news(now=None):
    """The public stories of the last 48 hours: what the Google News sitemap lists."""
    now = now or timezone.now()
    return Story.objects.published(now).filter(published_at__gte=now - NEWS_WINDOW)


def news_sitemap(request):
    """Google News sitemap: the stories published in the last 48 hours.

    The sitemaps schema requires at least one <url>, so with no recent story there is no
    sitemap to serve (404) and robots.txt does not name it.
    """
    stories = list(recent_news().prefetch_related("tags").latest_first()[:1000])
    if not stories:
        raise Http404("No story was published in the last 48 hours.")
    return render(
        request,
        "articles/news_sitemap.xml",
        {"stories": stories, "publication_language": settings.LANGUAGE_CODE.split("-")[0]},
        content_type="application/xml; charset=utf-8",
    )


def robots_txt(request):
    return render(
        request,
        "articles/robots.txt",
        {"has_news": recent_news().exists()},
        content_type="text/plain; charset=utf-8",
    )
