from django.conf import settings


def site_identity():
    """The site's name, public address and description: what every page shows of it."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
    }


def site(request):
    """The site's identity, for templates."""
    return site_identity()
