"""sitemap.xml sections and the Google News sitemap. Addresses use SITE_URL, not the
request's host, so that no stand-in domain reaches search engines."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Q, Subquery
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


class CategorySitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        now = timezone.now()
        public = Q(primary_stories__status=Story.Status.PUBLISHED, primary_stories__published_at__lte=now)
        return Category.objects.annotate(last=Max("primary_stories__published_at", filter=public)).order_by(
            "pk"
        )

    def lastmod(self, category):
        return category.last


class TagSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        latest = Story.objects.published().filter(tags=OuterRef("pk")).order_by("-published_at")
        return (
            Tag.objects.annotate(last=Subquery(latest.values("published_at")[:1]))
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
        now = timezone.now()
        public = Q(stories__status=Story.Status.PUBLISHED, stories__published_at__lte=now)
        return (
            Author.objects.annotate(last=Max("stories__published_at", filter=public))
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


def news_sitemap(request):
    """Google News sitemap: the stories published in the last 48 hours."""
    now = timezone.now()
    stories = (
        Story.objects.published(now)
        .filter(published_at__gte=now - NEWS_WINDOW)
        .prefetch_related("tags")
        .latest_first()[:1000]
    )
    return render(
        request,
        "articles/news_sitemap.xml",
        {"stories": stories, "publication_language": settings.LANGUAGE_CODE.split("-")[0]},
        content_type="application/xml; charset=utf-8",
    )


def robots_txt(request):
    return render(request, "articles/robots.txt", content_type="text/plain; charset=utf-8")
