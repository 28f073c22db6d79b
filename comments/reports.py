"""Readers report a published comment: the Report link on the story page, the short form it
opens (its own page, shared by every reader, with a signed token of its own salt instead of
a CSRF cookie), and the hold once enough different addresses have reported the comment."""

from html import escape

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from comments import client, moderation
from comments.forms import TokenProblem, clean_text, make_token
from comments.models import Comment, CommentReport
from comments.views import Refused, check_report_post, refused_page, report_sender_hash

TOKEN_SALT = "comments.report-token"
TOKEN_MESSAGES = {
    TokenProblem.MISSING: _("The form was sent without its security token. Reload the page and try again."),
    TokenProblem.TAMPERED: _("The form's security token is not valid. Reload the page and try again."),
    TokenProblem.OTHER_STORY: _("This form belongs to another comment. Reload the page and try again."),
    TokenProblem.EXPIRED: _("This form has expired. Check your report below and send it again."),
    TokenProblem.TOO_FAST: _(
        "The form was sent too quickly after the page loaded. Wait a moment and try again."
    ),
}


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=CommentReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the reasons.")},
    )
    note = forms.CharField(
        label=_("Anything the moderators should know"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Only the moderators read it."),
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, comment, **kwargs):
        kwargs.setdefault("auto_id", "rp-%s")
        super().__init__(*args, **kwargs)
        self.comment = comment
        if not self.is_bound:
            self.initial["token"] = make_token(comment, salt=TOKEN_SALT)

    def clean_note(self):
        return clean_text(self.cleaned_data["note"], multiline=True).strip()

    def refresh_token(self):
        self.data = self.data.copy()
        self.data["token"] = make_token(self.comment, salt=TOKEN_SALT)


def report_links(reply_link=None):
    """A function giving each comment of a page its Report link (after its Reply link, when
    comments are open). Plain string formatting: it runs once per comment on the page."""
    label = escape(gettext("Report"))
    hidden = escape(gettext("this comment by %(name)s"))
    base = reverse("comments:report", kwargs={"pk": 0}).removesuffix("0/report/")

    def link(pk, name):
        report = (
            f'<a class="comment__report" href="{base}{pk}/report/" rel="nofollow">{label}'
            f'<span class="visually-hidden"> {hidden % {"name": escape(name)}}</span></a>'
        )
        if reply_link is None:
            return f'<p class="comment__actions">{report}</p>'
        return reply_link(pk, name).removesuffix("</p>") + f" · {report}</p>"

    return link


def reported_comment(pk):
    """A published comment on a public story, or 404."""
    comment = get_object_or_404(Comment.objects.public().select_related("story"), pk=pk)
    if not comment.story.is_public:
        raise Http404(_("No comment at this address."))
    return comment


# No CSRF cookie: the token and the Origin / Sec-Fetch-Site check protect the POST.
@csrf_exempt
def report_comment(request, pk):
    if request.method == "POST":
        return post_report(request, pk)
    if request.method not in ("GET", "HEAD"):
        raise Http404(_("No comment at this address."))
    comment = reported_comment(pk)
    return render(
        request, "comments/report_form.html", {"comment": comment, "form": ReportForm(comment=comment)}
    )


def post_report(request, pk):
    comment = Comment.objects.select_related("story").filter(pk=pk).first()
    if comment is None or not comment.story.is_public:
        raise Http404(_("No comment at this address."))
    if comment.status != Comment.Status.APPROVED:
        return redirect("comments:report_thanks", pk=pk)  # already held or removed: nothing to add
    form = ReportForm(request.POST, comment=comment)
    try:
        check_report_post(request, comment, salt=TOKEN_SALT, token_messages=TOKEN_MESSAGES)
        if not form.is_valid():
            return form_page(request, comment, form)
        receive(comment=comment, request=request, data=form.cleaned_data)
    except Refused as refusal:
        if refusal.keep_form:
            form.is_valid()
            form.add_error(None, refusal.message)
            return form_page(request, comment, form)
        return refused_page(request, comment.story, refusal)
    return redirect("comments:report_thanks", pk=pk)


def receive(*, comment, request, data):
    """Apply the comments' rate limit, store the report (once per address), and hold the
    comment when enough different addresses reported it."""
    ip_hash = report_sender_hash(request, f"Report on comment {comment.pk}")
    add_report(
        comment,
        reason=data["reason"],
        note=data["note"],
        ip_hash=ip_hash,
        user_agent=client.user_agent(request),
    )


def add_report(comment, *, reason, note="", ip_hash, user_agent=""):
    """Store a report unless this address already reported the comment; hold the comment
    when COMMENTS_REPORTS_TO_HOLD different addresses have. Returns whether it was stored."""
    try:
        with transaction.atomic():
            if CommentReport.objects.filter(comment=comment, ip_hash=ip_hash).exists():
                return False
            CommentReport.objects.create(
                comment=comment, reason=reason, note=note, ip_hash=ip_hash, user_agent=user_agent
            )
    except IntegrityError:  # the same address, at the same moment
        return False
    # Only reports since the comment was last published count: a moderator who approves a
    # reported comment again has answered the earlier ones.
    since = comment.reports.filter(created_at__gte=comment.status_changed_at).exclude(ip_hash="")
    addresses = since.values("ip_hash").distinct().count()
    if addresses >= settings.COMMENTS_REPORTS_TO_HOLD:
        moderation.hold_for_review(
            comment=comment, note=f"Held for review: reported from {addresses} different addresses"
        )
    return True


def thanks(request, pk):
    """The same page for everyone who reported: it shows nothing they sent."""
    comment = get_object_or_404(Comment.objects.select_related("story").only("pk", "story"), pk=pk)
    if not comment.story.is_public:
        raise Http404(_("No comment at this address."))
    return render(request, "comments/report_thanks.html", {"story": comment.story})


def form_page(request, comment, form):
    form.refresh_token()
    return render(request, "comments/report_form.html", {"comment": comment, "form": form}, status=400)
