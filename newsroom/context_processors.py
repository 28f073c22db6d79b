from django.conf import settings

SECTIONS_PROCESSOR = "articles.context_processors.sections"


def site_identity():
    """The site's name, public address and description: what every page shows of it."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
    }


def site(request):
    """The site's identity, for templates."""
    context = site_identity()
    # Until TEMPLATES names the articles app's processor for the sections, they come through
    # here, as they did when this module read them itself. Remove once it does.
    options = [engine.get("OPTIONS", {}) for engine in settings.TEMPLATES]
    named = [name for option in options for name in option.get("context_processors", [])]
    if SECTIONS_PROCESSOR not in named:
        from articles.context_processors import sections

        context.update(sections(request))
    return context
