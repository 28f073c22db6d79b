"""The share-link page: an unpublished story, or a live story's unpublished change, for a
reader without an account."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from editorial.models import StoryRevision
from editorial.rendering import private_noindex, render_snapshot
from editorial.sharing import LinkUnusable, link_from_token
from editorial.snapshots import snapshot_of


def shared_story(request, token):
    try:
        link = link_from_token(token)
    except LinkUnusable:
        response = render(request, "editorial/share_link_gone.html", {"noindex": True}, status=410)
        return private_noindex(response)
    if link is None:
        return private_noindex(render(request, "404.html", {"noindex": True}, status=404))
    story = link.story
    pending = StoryRevision.objects.pending().filter(story=story).first()
    if pending is not None:
        return render_snapshot(request, pending.data, story, _("Shared preview of unpublished changes."))
    if story.is_public:
        return redirect(story)
    return render_snapshot(
        request, snapshot_of(story), story, _("Shared preview: this story is not public yet.")
    )
