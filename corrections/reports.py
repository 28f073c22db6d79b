"""The reader's "Report an error" form (GET, shared by every reader), its POST, the thank-you
page and the refusals. The checks are the comment form's: signed token, origin, honeypot,
rate limit (the same per-address counter as comments)."""

import logging

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from articles.caching import story_versions_by_slug
from articles.models import Story
from comments import client, spam
from comments import views as comments_views
from comments.forms import TokenProblem
from comments.views import Refused, check_report_post, report_sender_hash
from corrections.models import ErrorReport
from corrections.report_forms import TOKEN_SALT, ErrorReportForm
from newsroom.caching import public_page

logger = logging.getLogger(__name__)

# What the reader is told when the token is refused: the comments' wording, about a report.
TOKEN_MESSAGES = {
    TokenProblem.MISSING: _("The form was sent without its security token. Reload the page and try again."),
    TokenProblem.TAMPERED: _("The form's security token is not valid. Reload the page and try again."),
    TokenProblem.OTHER_STORY: _("This form belongs to another story. Reload the page and try again."),
    TokenProblem.EXPIRED: _("This form has expired. Check your report below and send it again."),
    TokenProblem.TOO_FAST: _(
        "The form was sent too quickly after the page loaded. Wait a moment and try again."
    ),
}


def public_story(slug):
    story = Story.objects.published().prefetch_related("items").filter(slug=slug).first()
    if story is None:
        raise Http404(_("No story at this address."))
    return story


# GET is the same page for every reader (cached like the story page, its token renewed with
# the same time bucket). POST has no CSRF cookie to check: the token and origin stand in.
@csrf_exempt
@public_page(versions=story_versions_by_slug)
def report_form(request, slug):
    story = public_story(slug)
    if request.method == "POST":
        return post_report(request, story)
    if request.method not in ("GET", "HEAD"):
        return refused_page(
            request, story, Refused(405, _("Report not sent"), _("Use the form to send a report."))
        )
    return render(
        request, "corrections/report_form.html", {"story": story, "form": ErrorReportForm(story=story)}
    )


def post_report(request, story):
    form = ErrorReportForm(request.POST, story=story)
    try:
        check_request(request, story, honeypot=request.POST.get("subject", ""))
        if not form.is_valid():
            return form_page(request, story, form)
        store(request, story, form.cleaned_data)
    except Refused as refusal:
        if refusal.keep_form:
            form.is_valid()
            form.add_error(None, refusal.message)
            return form_page(request, story, form)
        return refused_page(request, story, refusal)
    return redirect("reports:thanks", slug=story.slug)


def check_request(request, story, *, honeypot):
    """Refuse POSTs from other sites, without a good token, or with the hidden field filled in."""
    check_report_post(request, story, salt=TOKEN_SALT, token_messages=TOKEN_MESSAGES)
    if spam.honeypot(honeypot):
        logger.info("Error report on story %s refused: the hidden field was filled in", story.pk)
        raise Refused(
            400,
            _("Report not sent"),
            _("The form was not filled in as expected. Reload the page and try again."),
        )


def store(request, story, data):
    """Apply the rate limit and refuse a repeat, then store the report."""
    ip_hash = report_sender_hash(request, f"Error report on story {story.pk}")
    same = ErrorReport.objects.filter(story=story, ip_hash=ip_hash, what_is_wrong=data["what_is_wrong"])
    if same.exists():
        raise Refused(409, _("Report already sent"), _("You have already sent this report about this story."))
    return ErrorReport.objects.create(
        story=story,
        item=data["item"],
        what_is_wrong=data["what_is_wrong"],
        source_url=data["source_url"],
        email=data["email"],
        ip_hash=ip_hash,
        user_agent=client.user_agent(request),
    )


@public_page(versions=story_versions_by_slug)
def thanks(request, slug):
    """The same page for everyone who sent a report on this story: it shows nothing they sent."""
    return render(request, "corrections/report_thanks.html", {"story": public_story(slug)})


def form_page(request, story, form):
    form.refresh_token()
    return render(request, "corrections/report_form.html", {"story": story, "form": form}, status=400)


def refused_page(request, story, refusal):
    return comments_views.refused_page(request, story, refusal, template="corrections/report_refused.html")
