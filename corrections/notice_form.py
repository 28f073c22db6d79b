"""The form that adds a correction notice to a story, with its optional "show the change"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Correction
from editorial.models import StoryRevision


def saved_revisions(story_id):
    """The revisions readers saw (saved to the story), newest first: what a change is shown between."""
    return (
        StoryRevision.objects.filter(story_id=story_id, state=StoryRevision.State.SAVED)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )


def revision_label(revision):
    """How a revision is named in a choice: its time, who saved it and its note."""
    from django.utils import formats, timezone

    when = formats.date_format(timezone.localtime(revision.created_at), "DATETIME_FORMAT")
    parts = [when, str(revision.created_by or "—"), revision.note]
    return " · ".join(p for p in parts if p)


def limit_to_story_revisions(formfield, story_id):
    """Offer only `story_id`'s saved revisions in a "text before/after the change" field."""
    formfield.queryset = saved_revisions(story_id)
    formfield.label_from_instance = revision_label
    return formfield


class CorrectionNoticeForm(forms.ModelForm):
    """Kind, text and, to show readers what changed, the revisions before and after it.

    `story` is the story the notice is for; `save()` adds the notice and moves the story's
    "updated" time, as `Story.add_notice` does.
    """

    class Meta:
        model = Correction
        fields = ["kind", "text", "change_before", "change_after"]
        help_texts = {
            "change_before": _("To show readers what changed, choose the text before the change…"),
            "change_after": _("…and the text after it. Leave both empty to show no change."),
        }

    def __init__(self, *args, story, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.story = story
        for name in ("change_before", "change_after"):
            limit_to_story_revisions(self.fields[name], story.pk)

    def save(self, commit=True):
        notice = super().save(commit)
        if commit:
            notice.story.mark_updated(notice.created_at)
        return notice
