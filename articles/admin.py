"""The editors' admin: stories with their items, sources, bylines and notices."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, FileField, OuterRef
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag

from articles.models import (
    PATH_SEPARATOR,
    Author,
    Category,
    Correction,
    RoundupItem,
    Source,
    Story,
    StoryAuthor,
    StoryRedirect,
)
from corrections.notice_form import limit_to_story_revisions
from editorial.models import StoryRevision
from editorial.story_admin import DeskForm, EditorialDeskMixin
from ledger.admin import SourceHealthMixin, StoryLedgerMixin


def named_for_screen_readers(formfield):
    """A control whose visible label is a column header or a legend (tabular inlines, file
    fields) is named by its field's label, so screen readers announce it."""
    if formfield is not None:
        formfield.widget.attrs.setdefault("aria-label", capfirst(formfield.label))
    return formfield


class NamedTabularInline(admin.TabularInline):
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return named_for_screen_readers(super().formfield_for_dbfield(db_field, request, **kwargs))


class NamedRowsFormSet(forms.BaseInlineFormSet):
    """Each row's "Delete" box is named for screen readers (its visible label is a header)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = _("Delete")


class PublishingRulesFormSet(NamedRowsFormSet):
    """Inline formsets that check the publishing rules against what is being submitted.

    The rules and their messages are `Story.publishing_checks`; each formset reports the
    ones about its own rows. The story form has already been cleaned into `self.instance`.
    """

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
            if form.cleaned_data
        ]

    def publishing_checks(self, **submitted):
        story = self.instance
        if story.status != Story.Status.PUBLISHED:
            return []
        return story.publishing_checks(**submitted)


class BylineFormSet(PublishingRulesFormSet):
    def clean(self):
        super().clean()
        for _rule, message, _item in self.publishing_checks(
            author_count=len(self.kept_forms()), only={"authors"}
        ):
            raise ValidationError(message)


class RoundupItemFormSet(PublishingRulesFormSet):
    def clean(self):
        super().clean()
        forms_by_item = {id(form.instance): form for form in self.kept_forms()}
        items = [form.instance for form in self.kept_forms()]
        for rule, message, item in self.publishing_checks(items=items, only={"text", "source_line"}):
            if rule == "text":
                raise ValidationError(message)
            if rule == "source_line":
                forms_by_item[id(item)].add_error("source_line", message)


class BylineInline(NamedTabularInline):
    model = StoryAuthor
    formset = BylineFormSet
    autocomplete_fields = ["author"]
    extra = 1
    verbose_name = _("byline")
    verbose_name_plural = _("bylines (in order)")


class RoundupItemInline(admin.StackedInline):
    model = RoundupItem
    formset = RoundupItemFormSet
    fields = [("headline", "position"), "body", "source_line", "anchor"]
    extra = 0


class SourceInline(NamedTabularInline):
    model = Source
    formset = NamedRowsFormSet
    fields = ["position", "title", "outlet", "url", "language", "item", "published_on", "accessed_on"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "item":
            story_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = RoundupItem.objects.filter(story_id=story_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PublishedNoticeWidget(forms.Widget):
    """A saved notice as readers see it. Its text was sanitised when it was saved."""

    def render(self, name, value, attrs=None, renderer=None):
        return format_html('<div class="published-notice">{}</div>', mark_safe(value or ""))


class CorrectionForm(forms.ModelForm):
    """New notices are written; saved ones are shown, never changed (their fields are
    disabled, so a submitted form cannot alter them)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for field in self.fields.values():
                field.disabled = True
            self.fields["text"].widget = PublishedNoticeWidget()


class CorrectionInline(NamedTabularInline):
    """Existing notices show as published: a live notice is only ever added to."""

    model = Correction
    form = CorrectionForm
    fields = ["kind", "text", "change_before", "change_after", "created_at"]
    readonly_fields = ["created_at"]
    extra = 0
    can_delete = False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in ("change_before", "change_after"):
            limit_to_story_revisions(formfield, request.resolver_match.kwargs.get("object_id"))
        return formfield

    def has_change_permission(self, request, obj=None):
        # Saved notices cannot change (CorrectionForm disables them); whoever may add one
        # sees them as forms, so their text shows as it reads on the site.
        return self.has_add_permission(request, obj)


CONTRIBUTOR_STATUSES = (Story.Status.DRAFT, Story.Status.IN_REVIEW)


class StoryAdminForm(DeskForm):
    may_publish = True  # set per request by StoryAdmin.get_form
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        label=_("Tags"),
        widget=AutocompleteSelectMultiple(Story._meta.get_field("tags"), admin.site),
    )
    substantive_update = forms.BooleanField(
        required=False,
        label=_("This edit is a substantive update"),
        help_text=_("Moves the story's “updated” time. Leave unticked for typo fixes."),
    )

    class Meta:
        model = Story
        # The admin's fieldsets choose the fields; tags get the field declared above.
        exclude = ["tags"]  # noqa: DJ006

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not hasattr(self.instance, "pending_revision"):
            self.fields["tags"].initial = list(self.instance.tags.all())

    def clean(self):
        cleaned = super().clean()
        if (
            not self.may_publish
            and "status" in self.fields
            and cleaned.get("status") not in CONTRIBUTOR_STATUSES
        ):
            self.add_error("status", _("Only editors can publish or withdraw; submit the story for review."))
        return cleaned

    def _post_clean(self):
        """With the instance built from the form, the publishing rule the form's own fields
        answer for (the category); the inlines check bylines, text and items."""
        super()._post_clean()
        if self.instance.status == Story.Status.PUBLISHED and "primary_category" not in self.errors:
            for _rule, message, _item in self.instance.publishing_checks(only={"primary_category"}):
                self.add_error("primary_category", message)


class StateFilter(admin.SimpleListFilter):
    """The story's state as editors speak of it: a scheduled story has a state of its own."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", Story.Status.DRAFT.label),
            ("review", Story.Status.IN_REVIEW.label),
            ("scheduled", _("Scheduled")),
            ("live", _("Published")),
            ("changes", _("Live, with unpublished changes")),
            ("withdrawn", Story.Status.WITHDRAWN.label),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = queryset.filter(status=Story.Status.PUBLISHED)
        match self.value():
            case "scheduled":
                return published.filter(published_at__gt=now)
            case "live":
                return published.filter(published_at__lte=now)
            case "changes":
                return published.filter(published_at__lte=now, has_pending_changes=True)
            case "draft" | "review" | "withdrawn" as status:
                return queryset.filter(status=status)
        return queryset


class CategoryPathFilter(admin.RelatedFieldListFilter):
    """Categories by their path ("Crime and Violence · Organized Crime"), built from the one
    list of all categories rather than by walking up the tree from each (a query per level)."""

    def field_choices(self, field, request, model_admin):
        categories = {category.pk: category for category in Category.objects.all()}

        def path(category):
            names = []
            while category is not None:
                names.append(category.name)
                category = categories.get(category.parent_id)
            return PATH_SEPARATOR.join(reversed(names))

        return sorted(((pk, path(category)) for pk, category in categories.items()), key=lambda c: c[1])


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


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "position", "story_count"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]

    def get_queryset(self, request):
        # The count groups rows, and Meta.ordering does not apply to grouped queries.
        return (
            super()
            .get_queryset(request)
            .select_related("parent__parent")
            .annotate(primary_count=Count("primary_stories", distinct=True))
            .order_by("position", "name")
        )

    @admin.display(description=_("Stories"), ordering="primary_count")
    def story_count(self, category):
        return category.primary_count


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]


@admin.register(Source)
class SourceAdmin(SourceHealthMixin, admin.ModelAdmin):
    """Every cited source, to find a work, an outlet or a link across stories. Read-only:
    sources change in their story's form, where drafts, previews and revisions apply."""

    list_display = ["title", "outlet", "language", "published_on", "cited_in"]
    list_filter = ["language"]
    list_select_related = ["story"]
    search_fields = ["title", "outlet", "url", "story__headline"]
    show_full_result_count = False  # one count, not two, on every page

    def get_queryset(self, request):
        editable = Story.objects.editable_by(request.user).values("pk")
        # The story is shown by its headline; its large columns stay in the database.
        large = [f"story__{name}" for name in ("body", "search_document", "search_vector")]
        return super().get_queryset(request).filter(story__in=editable).defer(*large)

    @admin.display(description=_("Cited in"), ordering="story__headline")
    def cited_in(self, source):
        url = reverse("admin:articles_story_change", args=[source.story_id])
        return format_html('<a href="{}">{}</a>', url, source.story.headline)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StoryRedirect)
class StoryRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "story"]
    search_fields = ["old_slug", "story__headline"]
    raw_id_fields = ["story"]


from articles import image_library_admin  # noqa: E402, F401  (registers the image library)
