"""The story's form and the story list's filters."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.models import PATH_SEPARATOR, Category, Story
from editorial.story_admin import DeskForm

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
