"""The story form's inlines: bylines, round-up items, cited sources, correction notices.
Their formsets check the publishing rules against the rows being submitted."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from articles.models import Correction, RoundupItem, Source, Story, StoryAuthor
from corrections.notice_form import limit_to_story_revisions


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
