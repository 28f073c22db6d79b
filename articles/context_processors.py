from articles.models import Category


def sections(request):
    """The site's sections, for the navigation every public page shows."""
    # A lazy queryset: only pages that show the navigation run its query.
    return {"NAV_SECTIONS": Category.objects.top_level()}
