"""The story admin's pages about its revisions: history, compare, restore (as a draft) and
share links for a preview. Mixed into the story admin by `editorial.story_admin`."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from editorial import diff, sharing
from editorial.models import ShareLink, StoryRevision


class RevisionViews:
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/compare/", view(self.compare_view), name="articles_story_compare"),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                view(self.restore_view),
                name="articles_story_restore",
            ),
            path("<path:object_id>/share/", view(self.share_view), name="articles_story_share"),
            *super().get_urls(),
        ]

    def _story_for(self, request, object_id, *, change=False):
        story = self.get_object(request, unquote(object_id))
        if story is None:
            raise Http404(_("No story with this id."))
        allowed = (
            self.has_change_permission(request, story)
            if change
            else self.has_view_or_change_permission(request, story)
        )
        if not allowed:
            raise PermissionDenied
        return story

    def history_view(self, request, object_id, extra_context=None):
        story = self._story_for(request, object_id)
        revisions = StoryRevision.objects.for_story(story).select_related("created_by")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": story,
            "title": _("History: %(story)s") % {"story": story.headline},
            "revisions": revisions,
            "may_restore": self.has_change_permission(request, story),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        story = self._story_for(request, object_id)
        revisions = StoryRevision.objects.filter(story=story).select_related("created_by")
        try:
            a = revisions.get(pk=int(request.GET.get("a", "")))
            b = revisions.get(pk=int(request.GET.get("b", "")))
        except (ValueError, StoryRevision.DoesNotExist):
            messages.error(request, _("Choose two revisions of this story to compare."))
            return HttpResponseRedirect(reverse("admin:articles_story_history", args=[story.pk]))
        if a.created_at > b.created_at:
            a, b = b, a
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": story,
            "title": _("Compare revisions: %(story)s") % {"story": story.headline},
            "older": a,
            "newer": b,
            "sections": diff.compare_snapshots(a.data, b.data),
        }
        return TemplateResponse(request, "admin/articles/story/compare.html", context)

    def restore_view(self, request, object_id, revision_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        story = self._story_for(request, object_id, change=True)
        revision = get_object_or_404(StoryRevision, pk=revision_id, story=story)
        StoryRevision.objects.record_pending(
            story,
            request.user,
            revision.data,
            _("Restored from the revision of %(time)s")
            % {"time": timezone.localtime(revision.created_at).strftime("%Y-%m-%d %H:%M")},
        )
        messages.success(
            request,
            _("The revision is restored as a draft. Review it, then save or publish it."),
        )
        return HttpResponseRedirect(reverse("admin:articles_story_change", args=[story.pk]))

    def share_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        story = self._story_for(request, object_id, change=True)
        revoke = request.POST.get("revoke")
        if revoke:
            get_object_or_404(ShareLink, pk=revoke, story=story).revoke()
            messages.success(request, _("The share link is revoked; it no longer opens the story."))
        else:
            link = sharing.create_link(story, request.user)
            url = request.build_absolute_uri(sharing.link_url(link))
            messages.success(
                request,
                format_html(
                    "{} <a href='{}'>{}</a>",
                    _("Share link (valid for %(hours)d hours):") % {"hours": settings.SHARE_LINK_HOURS},
                    url,
                    url,
                ),
            )
        return HttpResponseRedirect(reverse("admin:articles_story_change", args=[story.pk]))
