"""The public story page rendered from a snapshot: previews and share links."""

from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from articles.models import Story
from editorial.snapshots import story_from_snapshot


def private_noindex(response):
    """Never kept by a shared cache, never indexed."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def render_snapshot(request, data, stored, banner):
    """The story page as `data` would make it look. `stored` is the saved story, if any."""
    shown = story_from_snapshot(data, stored)
    context = {
        "story": shown,
        "preview": True,
        "preview_message": banner,
        "noindex": True,
        # Reader comments belong to the published page, not to a preview.
        "hide_comments": True,
        "related": Story.objects.published().related_to(shown)[:4],
    }
    return private_noindex(TemplateResponse(request, "articles/story_detail.html", context))
