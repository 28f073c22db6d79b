"""The reader's "Report an error" form. Like the comment form it sits on a page shared by every
reader, so it carries a signed token (with its own salt) instead of a CSRF cookie."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from comments.forms import clean_text, make_token
from comments.models import web_url_validator

TOKEN_SALT = "corrections.report-token"


class ErrorReportForm(forms.Form):
    """What a reader sends; `story` decides which round-up items can be chosen."""

    what_is_wrong = forms.CharField(
        label=_("What is wrong?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Quote the words that are wrong, if you can, and say what is right."),
    )
    item = forms.ChoiceField(
        label=_("Which part of the story?"),
        required=False,
        error_messages={"invalid_choice": _("Choose a part of this story from the list.")},
    )
    source_url = forms.URLField(
        label=_("Supporting source"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[web_url_validator],
        widget=forms.URLInput(attrs={"autocomplete": "off"}),
        help_text=_("Optional. A link to a document or report that shows the right facts."),
    )
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Optional. Only to tell you once if we publish a correction. It is never published."),
    )
    # The honeypot, as on the comment form: hidden by CSS, filled in by robots.
    subject = forms.CharField(label=_("Subject (leave this field empty)"), required=False, max_length=200)
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, story, **kwargs):
        kwargs.setdefault("auto_id", "er-%s")
        super().__init__(*args, **kwargs)
        self.story = story
        self.items = {str(item.pk): item for item in story.items.all()}
        self.fields["item"].choices = [("", _("The story in general"))] + [
            (pk, item_label(item)) for pk, item in self.items.items()
        ]
        self.fields["subject"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["token"] = make_token(story, salt=TOKEN_SALT)

    def clean_what_is_wrong(self):
        text = clean_text(self.cleaned_data["what_is_wrong"], multiline=True).strip()
        if not text:
            raise ValidationError(_("Say what is wrong."), code="required")
        return text

    def clean_item(self):
        return self.items.get(self.cleaned_data["item"])

    def clean_source_url(self):
        return clean_text(self.cleaned_data["source_url"])

    def clean_email(self):
        local, _, domain = self.cleaned_data["email"].rpartition("@")
        return f"{local}@{domain.lower()}" if local else ""

    def refresh_token(self):
        """Give a re-displayed form a fresh token, keeping everything the reader typed."""
        self.data = self.data.copy()
        self.data["token"] = make_token(self.story, salt=TOKEN_SALT)


def item_label(item):
    """An item's sub-headline, short enough for a phone's screen."""
    headline = " ".join(item.headline.split())
    limit = 60
    return headline if len(headline) <= limit else headline[: limit - 1].rstrip() + "…"
