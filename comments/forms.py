"""The reader's comment form and the signed token it carries instead of a CSRF cookie.

The story page is the same for every anonymous reader (shared caches serve it), so the
form cannot hold a per-visitor secret. Its token proves instead that the form came from
our page for this story, recently but not a moment ago.
"""

import html
import re
import time
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from comments.models import Comment, web_url_validator

TOKEN_SALT = "comments.form-token"

# Characters that change how text is displayed without being seen: direction overrides and
# isolates (used to disguise text), and control characters other than line breaks and tabs.
_INVISIBLE = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def make_token(story, now=None, *, salt=TOKEN_SALT):
    """A signed token naming `story` and the time the form was made.

    Another form of the story page (the error report) passes its own `salt`, so that one
    form's token is not accepted by the other.
    """
    issued = time.time() if now is None else now
    return signing.dumps({"s": story.pk, "t": round(issued, 3)}, salt=salt, compress=False)


class TokenProblem:
    """Why a token was refused; each value is the explanation shown to the reader."""

    MISSING = _("The form was sent without its security token. Reload the story and try again.")
    TAMPERED = _("The form's security token is not valid. Reload the story and try again.")
    OTHER_STORY = _("This form belongs to another story. Reload the story and try again.")
    EXPIRED = _("This form has expired. Check your comment below and send it again.")
    TOO_FAST = _("The form was sent too quickly after the page loaded. Wait a moment and try again.")


def token_problem(token, story, now=None, *, salt=TOKEN_SALT):
    """None when `token` is a good token for `story`, else a `TokenProblem` explanation."""
    if not token:
        return TokenProblem.MISSING
    try:
        data = signing.loads(token, salt=salt)
        story_pk, issued = int(data["s"]), float(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return TokenProblem.TAMPERED
    if story_pk != story.pk:
        return TokenProblem.OTHER_STORY
    age = (time.time() if now is None else now) - issued
    if age > settings.COMMENT_TOKEN_MAX_AGE:
        return TokenProblem.EXPIRED
    if age < settings.COMMENT_TOKEN_MIN_AGE:
        return TokenProblem.TOO_FAST
    return None


def clean_text(value, *, multiline=False):
    """NFC-normalised text, refused when it hides invisible formatting characters."""
    value = unicodedata.normalize("NFC", value)
    allowed = {"\n", "\r", "\t"} if multiline else set()
    for char in value:
        if char in _INVISIBLE or (unicodedata.category(char) == "Cc" and char not in allowed):
            raise ValidationError(
                _("Remove the invisible control characters (such as text direction overrides)."),
                code="invisible",
            )
    return value


# A <select> is as wide as its longest option; this many characters fit a phone's screen.
REPLY_LABEL_CHARS = 36
# text_html is the sanitiser's output (well-formed, no comments or scripts), so removing its
# tags needs no HTML parser; the label is escaped again when the option is rendered.
_TAG = re.compile(r"<[^>]*>")


def reply_label(comment):
    """The comment as an option of the "In reply to" list: its author and first words."""
    start = _TAG.sub(" ", comment.text_html[: REPLY_LABEL_CHARS * 8])
    label = f"{comment.name}: {' '.join(html.unescape(start).split())}"
    if len(label) <= REPLY_LABEL_CHARS:
        return label
    return label[: REPLY_LABEL_CHARS - 1].rstrip() + "…"


class ReplySelect(forms.Select):
    """The "In reply to" list, written directly: it has an option per comment on the page,
    and Django's template per option made it the most expensive part of a story page."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((key, " selected" if str(key) == chosen else "", label) for key, label in self.choices),
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)


class CommentForm(forms.Form):
    """What a reader sends. Lengths match the model's; the story decides which parents exist."""

    name = forms.CharField(
        label=_("Name"), max_length=80, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    website = forms.URLField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        validators=[web_url_validator],
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
        help_text=_("Optional. Your name will link to it."),
    )
    text = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    reply_to = forms.IntegerField(
        label=_("In reply to"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        widget=ReplySelect,
        error_messages={"invalid": _("Choose a comment from the list.")},
    )
    # The honeypot: hidden from people by CSS, filled in by form-filling robots. Its name is
    # one that browsers' autofill does not recognise, so readers' browsers leave it empty.
    subject = forms.CharField(label=_("Subject (leave this field empty)"), required=False, max_length=200)
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, story, reply_options=(), **kwargs):
        kwargs.setdefault("auto_id", "cf-%s")
        super().__init__(*args, **kwargs)
        self.story = story
        self.parent = None
        self.fields["reply_to"].widget.choices = [("", _("— (a new comment)"))] + [
            (comment.pk, reply_label(comment)) for comment in reply_options
        ]
        self.fields["subject"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["token"] = make_token(story)

    def clean_name(self):
        name = clean_text(self.cleaned_data["name"])
        # Pages escape names, but feed readers and mail clients may not: refuse markup here.
        if "<" in name or ">" in name:
            raise ValidationError(_("Please leave the characters < and > out of your name."), code="markup")
        return name

    def clean_email(self):
        # Domains are case-insensitive; the local part is the mail server's to interpret.
        local, _, domain = self.cleaned_data["email"].rpartition("@")
        return f"{local}@{domain.lower()}"

    def clean_website(self):
        return clean_text(self.cleaned_data["website"])

    def clean_text(self):
        return clean_text(self.cleaned_data["text"], multiline=True)

    def clean_reply_to(self):
        pk = self.cleaned_data["reply_to"]
        if pk is None:
            return None
        self.parent = Comment.objects.public().filter(story=self.story, pk=pk).first()
        if self.parent is None:
            raise ValidationError(_("You can only reply to a published comment on this story."))
        return pk

    def refresh_token(self):
        """Give a re-displayed form a fresh token, keeping everything the reader typed."""
        self.data = self.data.copy()
        self.data["token"] = make_token(self.story)
        if self.parent is not None:
            self.fields["reply_to"].widget.choices.append((self.parent.pk, reply_label(self.parent)))
