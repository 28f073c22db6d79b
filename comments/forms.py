"""The reader's comment form and the signed token it carries instead of a CSRF cookie.

The story page is the same for every anonymous reader (shared caches serve it), so the
form cannot hold a per-visitor secret. Its token proves instead that the form came from
our page for this story, recently but not a moment ago.
"""

import time
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from articles.pagination import whole_number
from comments.client import is_cross_site
from comments.form_html import PythonRenderedBoundField
from comments.models import Comment, comments_are_open, web_url_validator

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
    """Why a token was refused: the error codes of the form's `token` field."""

    MISSING = "missing"
    TAMPERED = "tampered"
    OTHER_STORY = "other_story"
    EXPIRED = "expired"
    TOO_FAST = "too_fast"


# What the reader is told about each.
TOKEN_MESSAGES = {
    TokenProblem.MISSING: _("The form was sent without its security token. Reload the story and try again."),
    TokenProblem.TAMPERED: _("The form's security token is not valid. Reload the story and try again."),
    TokenProblem.OTHER_STORY: _("This form belongs to another story. Reload the story and try again."),
    TokenProblem.EXPIRED: _("This form has expired. Check your comment below and send it again."),
    TokenProblem.TOO_FAST: _(
        "The form was sent too quickly after the page loaded. Wait a moment and try again."
    ),
}


def token_problem(token, story, now=None, *, salt=TOKEN_SALT):
    """None when `token` is a good token for `story`, else a `TokenProblem` code."""
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


class CommentForm(forms.Form):
    """What a reader sends. Lengths match the model's; the story decides which parents exist."""

    # Every story page renders this form: its widgets are written in Python (comments.form_html).
    bound_field_class = PythonRenderedBoundField

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
    # Set by a comment's Reply link (`?reply_to=`), checked against the story's comments.
    reply_to = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS, filled in by form-filling robots. Its name is
    # one that browsers' autofill does not recognise, so readers' browsers leave it empty.
    subject = forms.CharField(label=_("Subject (leave this field empty)"), required=False, max_length=200)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # Reply notifications (comments.subscriptions): unticked; a confirmation email comes first.
    notify = forms.BooleanField(label=_("Email me when someone replies"), required=False)

    def __init__(self, *args, story, request=None, **kwargs):
        kwargs.setdefault("auto_id", "cf-%s")
        super().__init__(*args, **kwargs)
        self.story, self.request = story, request
        self.parent = None
        self.fields["subject"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["token"] = make_token(story)

    @classmethod
    def for_page(cls, story, params):
        """The story page's empty form, answering the comment its `reply_to` names when that
        one is published on this story (else a new comment)."""
        form = cls(story=story)
        pk = whole_number(params.get("reply_to", ""), 2**63 - 1)
        if pk is not None:
            form.parent = Comment.objects.approved().filter(story=story, pk=pk).only("pk", "name").first()
            form.initial["reply_to"] = form.parent and form.parent.pk
        return form

    def clean(self):
        # Checked with the fields, so that one `is_valid` answers everything; the view turns
        # these codes into status codes.
        if self.request is not None and is_cross_site(self.request):
            raise ValidationError(
                _("Comments can only be sent from this site's own pages."), code="cross_site"
            )
        if not comments_are_open(self.story):
            raise ValidationError(_("This story no longer accepts comments."), code="closed")
        return super().clean()

    def clean_token(self):
        problem = token_problem(self.cleaned_data["token"], self.story)
        if problem:
            raise ValidationError(TOKEN_MESSAGES[problem], code=problem)
        return self.cleaned_data["token"]

    def refusal(self):
        """The error of the check that refuses the whole post (another site, closed comments,
        a bad token), or None when the reader can correct the form (an expired token too)."""
        errors = self.errors.as_data()
        for error in [*errors.get(NON_FIELD_ERRORS, []), *errors.get("token", [])]:
            if error.code != TokenProblem.EXPIRED:
                return error
        return None

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
        self.parent = Comment.objects.approved().filter(story=self.story, pk=pk).only("pk", "name").first()
        if self.parent is None:
            raise ValidationError(
                _("You can only reply to a published comment on this story."), code="parent"
            )
        return pk

    def refresh_token(self):
        """Give a re-displayed form a fresh token, keeping everything the reader typed."""
        self.data = self.data.copy()
        self.data["token"] = make_token(self.story)
