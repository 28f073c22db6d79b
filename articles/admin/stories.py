"""The editors' story admin: list, form with inlines, and publishing actions."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, FileField, OuterRef
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.admin.inlines import (
    BylineInline,
    CorrectionInline,
    RoundupItemInline,
    SourceInline,
    named_for_screen_readers,
)
from articles.admin.story_form import CONTRIBUTOR_STATUSES, CategoryPathFilter, StateFilter, StoryAdminForm
from articles.models import Correction, Story
from editorial.models import StoryRevision
from editorial.story_admin import EditorialDeskMixin
from ledger.admin import StoryLedgerMixin


@admin.register(Story)
class StoryAdmin(StoryLedgerMixin, EditorialDeskMixin, admin.ModelAdmin):
    form = StoryAdminForm
    list_display = ["headline", "state", "category_path", "byline", "publication_time"]
    list_filter = [StateFilter, ("primary_category", CategoryPathFilter), "authors", "published_at"]
    # The path walks up the tree: one join per level a category can have.
    list_select_related = ["primary_category__parent__parent__parent"]
    search_fields = ["headline", "standfirst", "body", "items__headline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["primary_category", "categories"]
    inlines = [BylineInline, RoundupItemInline, SourceInline, CorrectionInline]
    actions = ["publish_selected", "publish_now", "unschedule_selected", "withdraw_selected"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body"]}),
        (_("Placement"), {"fields": ["primary_category", "categories", "tags"]}),
        (_("Featured image"), {"fields": ["image", "image_alt", "image_caption", "image_credit"]}),
        (
            _("Publishing"),
            {"fields": ["status", "published_at", "substantive_update", "updated_at", "comments_open"]},
        ),
        (None, {"fields": ["revision_note", "base_revision"]}),
    ]
    readonly_fields = ["updated_at"]

    def get_queryset(self, request):
        pending = StoryRevision.objects.pending().filter(story=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .editable_by(request.user)
            .prefetch_related("authors")
            .annotate(has_pending_changes=Exists(pending))
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, FileField):  # its label is a legend once a file is stored
            named_for_screen_readers(formfield)
        return formfield

    def get_readonly_fields(self, request, obj=None):
        # A contributor proposes changes to their live story; only an editor publishes them.
        if obj is not None and obj.is_public and not self.has_publish_permission(request):
            return [*self.readonly_fields, "status", "published_at"]
        return self.readonly_fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.may_publish = self.has_publish_permission(request)
        if not form.may_publish and "status" in form.base_fields:
            form.base_fields["status"].choices = [
                (value, label) for value, label in Story.Status.choices if value in CONTRIBUTOR_STATUSES
            ]
        return form

    def has_change_permission(self, request, obj=None):
        """Contributors edit their own stories while they are drafts."""
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed or self.has_publish_permission(request):
            return allowed
        return obj.status == Story.Status.DRAFT or obj.is_public

    @admin.display(description=_("Byline"))
    def byline(self, story):
        return ", ".join(a.name for a in story.authors.all())

    @admin.display(description=_("State"), ordering="status")
    def state(self, story):
        if story.status == Story.Status.PUBLISHED and not story.is_public:
            return _("Scheduled")
        if story.has_pending_changes:
            return _("%(state)s, with unpublished changes") % {"state": story.get_status_display()}
        return story.get_status_display()

    @admin.display(description=_("Category"), ordering="primary_category")
    def category_path(self, story):
        return story.category_path

    @admin.display(description=_("Publication time"), ordering="published_at")
    def publication_time(self, story):
        """In the newsroom's time zone, named, so that a scheduled time is never ambiguous."""
        if story.published_at is None:
            return "—"
        local = timezone.localtime(story.published_at)
        return f"{formats.date_format(local, 'DATETIME_FORMAT')} {local:%Z}"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if obj.status == Story.Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)

    def after_story_saved(self, request, form):
        """Tags and the "updated" time, once the story and its inlines are written."""
        story = form.instance
        story.tags.set(form.cleaned_data.get("tags") or [])
        if form.cleaned_data.get("substantive_update"):
            story.mark_updated(timezone.now())

    def save_formset(self, request, form, formset, change):
        new_notices = formset.model is Correction
        instances = formset.save()
        if new_notices:
            for notice in instances:
                form.instance.mark_updated(notice.created_at)

    @admin.action(description=_("Publish selected stories"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        published = 0
        for story in queryset.prefetch_related("items"):
            try:
                story.publish()
                StoryRevision.objects.record(story, request.user, _("Published from the story list"))
                published += 1
            except ValidationError as error:
                messages.error(request, f"{story}: {' '.join(error.messages)}")
        if published:
            messages.success(
                request, ngettext("Published %d story.", "Published %d stories.", published) % published
            )

    @admin.action(description=_("Publish selected scheduled stories now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        scheduled = list(queryset.filter(status=Story.Status.PUBLISHED, published_at__gt=timezone.now()))
        for story in scheduled:
            story.published_at = timezone.now()
            story.save()
            StoryRevision.objects.record(
                story, request.user, _("Published now instead of at its scheduled time")
            )
        messages.success(
            request,
            ngettext(
                "Published %d scheduled story now.", "Published %d scheduled stories now.", len(scheduled)
            )
            % len(scheduled),
        )

    @admin.action(description=_("Unschedule selected stories (back to draft)"), permissions=["publish"])
    def unschedule_selected(self, request, queryset):
        scheduled = list(queryset.filter(status=Story.Status.PUBLISHED, published_at__gt=timezone.now()))
        for story in scheduled:
            story.status = Story.Status.DRAFT
            story.save()
            StoryRevision.objects.record(story, request.user, _("Unscheduled"))
        messages.success(
            request,
            ngettext("Unscheduled %d story.", "Unscheduled %d stories.", len(scheduled)) % len(scheduled),
        )

    @admin.action(description=_("Withdraw selected stories"), permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        for story in queryset:
            story.withdraw()
        messages.success(request, _("Withdrew %d stories.") % queryset.count())

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_story")
