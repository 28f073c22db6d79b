from django.conf import settings

from articles.models import Category


def site(request):
    """The site's name and public address, for templates."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
        # A lazy queryset: only pages that show the navigation run its query.
        "NAV_SECTIONS": Category.objects.top_level(),
    }
