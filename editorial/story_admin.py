"""The editor's desk inside the story admin: previews of unsaved text, drafts of live
stories, revisions with compare and restore, edit conflicts and share links.

Every button of the story form posts the whole form through the admin's own validation.
What differs is what happens once it is valid (`Mode`): a normal save writes the story, a
draft of a live story and a preview write nothing to it, only a revision or a page.
"""

import copy
import enum

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.images import make_renditions, store_upload_without_metadata
from articles.models import Story
from editorial.models import ShareLink, StoryRevision
from editorial.rendering import render_snapshot
from editorial.revision_views import RevisionViews
from editorial.snapshots import (
    apply_to_instance,
    draft_inline_rows,
    inline_form_data,
    live_inline_rows,
    snapshot_from_forms,
)
from editorial.unsaved_work import take_unsaved_post


class Mode(enum.Enum):
    SAVE = "save"  # write the story (not live, or "Publish changes")
    DRAFT = "draft"  # keep the change as the live story's pending draft
    PREVIEW = "preview"  # write nothing; show the page
    RESTORE = "restore"  # text kept while the editor signed in again: show it, save nothing


class DeskForm(forms.ModelForm):
    """The fields every story form carries for the desk: where the editor started, a note."""

    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    revision_note = forms.CharField(
        required=False,
        max_length=300,
        label=gettext_lazy("Note for the history"),
        help_text=gettext_lazy("Optional: what this save changes, shown in the story's history."),
    )
    current_revision = 0  # set per request: the newest revision when the form is handled
    checks_conflicts = True
    restoring = False  # set per request: the form shows text kept across a new sign-in

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_revision"].initial = self.current_revision
        pending = getattr(self.instance, "pending_revision", None)
        if pending is not None:
            self.initial["categories"] = pending.data.get("categories", [])
            self.fields["tags"].initial = list(
                self.fields["tags"].queryset.filter(name__in=pending.data["tags"])
            )

    def clean(self):
        cleaned = super().clean()
        if self.restoring:
            # Never saved as it is: the editor checks the text and saves it themselves.
            self.add_error(
                None,
                forms.ValidationError(
                    _("This is your text from before you signed in again. Check it, then save."),
                    code="restored_after_sign_in",
                ),
            )
            return cleaned
        base = cleaned.get("base_revision") or 0
        if self.checks_conflicts and self.instance.pk and base != self.current_revision:
            self.add_error(
                None,
                forms.ValidationError(
                    _("Someone else saved this story after you opened it. Your text is kept below."),
                    code="edit_conflict",
                ),
            )
        return cleaned

    def has_conflict(self):
        return any(e.code == "edit_conflict" for e in self.non_field_errors().as_data())


class EditorialDeskMixin(RevisionViews):
    change_form_template = "admin/articles/story/change_form.html"
    object_history_template = "admin/articles/story/history.html"

    # --- Which save is this? -------------------------------------------------------------

    def desk_mode(self, request, obj):
        if "_preview" in request.POST:
            return Mode.PREVIEW
        if obj is None or not obj.is_public:
            return Mode.SAVE
        if self.has_publish_permission(request) and (
            "_publish_changes" in request.POST or request.POST.get("status", "published") != "published"
        ):
            return Mode.SAVE  # publishing the change, or taking the story down: both at once
        return Mode.DRAFT

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = Story.objects.filter(pk=unquote(object_id)).first() if object_id else None
        request.desk_mode = self.desk_mode(request, obj) if request.method == "POST" else None
        if request.method == "GET" and (kept := take_unsaved_post(request)) is not None:
            # Shown as a post that cannot validate, so every field and inline row comes back.
            request.method, request.POST, request._files = "POST", kept, MultiValueDict()
            request._dont_enforce_csrf_checks = True
            request.desk_mode = Mode.RESTORE
            extra_context = {**(extra_context or {}), "restored_after_sign_in": True}
        request.desk_current_revision = StoryRevision.objects.latest_id_for(obj.pk) if obj else 0
        extra_context = {**(extra_context or {}), **self.desk_context(request, obj)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def desk_context(self, request, obj):
        live = obj is not None and obj.is_public
        pending = StoryRevision.objects.pending().filter(story=obj).first() if obj else None
        return {
            "story_is_live": live,
            "may_publish": self.has_publish_permission(request),
            "pending_revision": pending,
            "share_links": list(ShareLink.objects.active().filter(story=obj)) if obj else [],
            "share_link_hours": settings.SHARE_LINK_HOURS,
        }

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.current_revision = getattr(request, "desk_current_revision", 0)
        form.checks_conflicts = getattr(request, "desk_mode", None) != Mode.PREVIEW
        form.restoring = getattr(request, "desk_mode", None) == Mode.RESTORE
        return form

    # --- A live story's pending draft opens in the form ----------------------------------

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "GET" and getattr(request, "desk_current_revision", None):
            pending = StoryRevision.objects.pending().filter(story=obj).first()
            if pending is not None:
                obj.stored = copy.copy(obj)  # the story as saved: each inline's stored rows
                obj.pending_revision = pending
                apply_to_instance(obj, pending.data)
        return obj

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        pending = getattr(obj, "pending_revision", None)
        if pending is not None and request.method == "GET":
            live_rows = live_inline_rows(obj.stored, inline.model)
            rows = draft_inline_rows(pending.data, inline.model, live_rows)
            formset_class = inline.get_formset(request, obj)
            kwargs["data"] = inline_form_data(formset_class, rows, live_rows)
        return kwargs

    # --- Saving ----------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if change and request.desk_mode != Mode.PREVIEW:
            StoryRevision.objects.keep_baseline(obj.pk)
        if request.desk_mode in (Mode.DRAFT, Mode.PREVIEW):
            store_upload_without_metadata(obj.image)  # so the draft or preview can show it
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if request.desk_mode in (Mode.DRAFT, Mode.PREVIEW):
            data = snapshot_from_forms(form, formsets)
            story = form.instance
            stored_image = Story.objects.filter(pk=story.pk).values_list("image", flat=True).first()
            if story.image and story.image.name != stored_image:
                data["image_renditions"] = make_renditions(story.image)
            request.desk_snapshot = data
            if request.desk_mode == Mode.DRAFT:
                request.desk_revision = StoryRevision.objects.record_pending(
                    story, request.user, data, form.cleaned_data.get("revision_note", "")
                )
            return
        super().save_related(request, form, formsets, change)
        self.after_story_saved(request, form)
        StoryRevision.objects.record(form.instance, request.user, form.cleaned_data.get("revision_note", ""))

    def after_story_saved(self, request, form):
        """Hook: what the model admin writes after the story and its inlines."""

    def construct_change_message(self, request, form, formsets, add=False):
        if request.desk_mode in (Mode.DRAFT, Mode.PREVIEW):
            return []  # the inlines were not saved, so they have nothing to report
        return super().construct_change_message(request, form, formsets, add)

    def log_addition(self, request, obj, message):
        if request.desk_mode != Mode.PREVIEW:
            super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        if request.desk_mode == Mode.DRAFT:
            message = [{"changed": {"fields": [_("draft of changes")]}}]
        if request.desk_mode != Mode.PREVIEW:
            super().log_change(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        if request.desk_mode == Mode.PREVIEW:
            return self._preview_response(request, None)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if request.desk_mode == Mode.PREVIEW:
            return self._preview_response(request, obj)
        if request.desk_mode == Mode.DRAFT:
            messages.success(
                request,
                _(
                    "Your changes to “%(story)s” are saved as a draft. Readers still see the "
                    "published version until an editor clicks “Publish changes”."
                )
                % {"story": obj.headline},
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def _preview_response(self, request, obj):
        stored = Story.objects.filter(pk=obj.pk).first() if obj is not None else None
        response = render_snapshot(request, request.desk_snapshot, stored, _("Preview of unsaved changes."))
        response.render()
        # Nothing was written, and the admin's transaction is rolled back to make sure of it.
        transaction.set_rollback(True)
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if form.is_bound and not add and form.has_conflict():
            context.update(self._conflict_context(request, form, context, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _conflict_context(self, request, form, context, obj):
        """Keep the refused text as a revision, and let a second save go through."""
        formsets = [inline.formset for inline in context["inline_admin_formsets"]]
        for formset in formsets:
            formset.is_valid()
        refused = StoryRevision.objects.create(
            story=obj,
            state=StoryRevision.State.CONFLICTED,
            data=snapshot_from_forms(form, formsets),
            created_by=request.user,
            note=_("Refused: the story had been saved by someone else"),
        )
        current = StoryRevision.objects.filter(pk=request.desk_current_revision).first()
        data = form.data.copy()
        data["base_revision"] = str(request.desk_current_revision)
        form.data = data
        compare = reverse("admin:articles_story_compare", args=[obj.pk])
        return {
            "conflict": {
                "by": current.created_by if current else None,
                "at": current.created_at if current else None,
                "compare_url": f"{compare}?a={current.pk if current else ''}&b={refused.pk}",
            }
        }
