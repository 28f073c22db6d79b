"""The corrections register in the sitemap."""

from django.urls import reverse

from articles.models import Correction
from articles.sitemaps import SiteSitemap


class CorrectionsRegisterSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return ["corrections:register"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        latest = Correction.objects.public().order_by("-created_at").first()
        return latest.created_at if latest else None
