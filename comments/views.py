"""Posting a comment (POST, then redirect to the story), the permalink, the refusals."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Story
from comments import client, moderation, own_edits, spam, subscriptions
from comments.forms import CommentForm, TokenProblem, token_problem
from comments.models import Comment
from comments.pages import page_params_of, page_query_of
from newsroom.client_address import client_ip

logger = logging.getLogger(__name__)


class Refused(Exception):
    """A POST we answer with an explanation page and store nothing from."""

    def __init__(self, status, title, message, *, keep_form=False):
        super().__init__(message)
        self.status, self.title, self.message, self.keep_form = status, title, message, keep_form


# The form's checks that refuse a whole post: the page that says so, and its status.
REFUSALS = {
    "cross_site": (400, _("Comment refused")),
    "closed": (403, _("Comments are closed")),
    "missing": (400, _("Comment not sent")),
    "tampered": (400, _("Comment not sent")),
    "other_story": (400, _("Comment not sent")),
    "too_fast": (400, _("Comment not sent")),
}


# No CSRF cookie: the story page is shared by every reader. The form's signed token and
# its Origin / Sec-Fetch-Site check protect this view instead.
@csrf_exempt
@require_POST
def post_comment(request, story_id):
    story = get_object_or_404(Story.objects.prefetch_related("sources"), pk=story_id)
    if not (story.is_public or story.status == Story.Status.WITHDRAWN):
        raise Http404(_("No story at this address."))
    form = CommentForm(request.POST, story=story, request=request)
    if not form.is_valid():
        if error := form.refusal():
            status, title = REFUSALS.get(error.code, (400, _("Comment not sent")))
            return refused_page(request, story, Refused(status, title, error.messages[0]))
        return form_page(request, story, form)
    try:
        comment = accept(request, story, form)
    except Refused as refusal:
        return refused_page(request, story, refusal)
    if form.cleaned_data["notify"] and comment.status != Comment.Status.SPAM:  # no mail for robots
        subscriptions.subscribe(comment)
    # The reader's own page (not cached): the notice, the edit link, the way back to the story.
    return redirect(own_edits.posted_path(comment))


def accept(request, story, form):
    """Apply the rate limit and the duplicate rule, then store the comment."""
    ip = client_ip(request)
    ip_hash = client.ip_hash(ip)
    if reason := spam.rate_limited(ip_hash):
        spam.log_refusal(reason, story)
        raise Refused(
            429,
            _("Too many comments"),
            _("You have sent several comments in a short time. Please wait a few minutes and try again."),
        )
    data = form.cleaned_data
    comment = Comment(
        story=story,
        parent=form.parent,
        name=data["name"],
        email=data["email"],
        website=data["website"],
        text=data["text"],
        ip_hash=ip_hash,
        user_agent=client.user_agent(request),
    )
    if reason := spam.duplicate(comment):
        spam.log_refusal(reason, story)
        raise Refused(
            409, _("Comment already posted"), _("You have already posted this comment on this story.")
        )
    return moderation.receive(comment=comment, story=story, ip=ip, honeypot_value=data["subject"])


def after_posting_url(comment):
    """The story with a fixed notice parameter, so the page stays the same for every reader."""
    story_url = comment.story.get_absolute_url()
    if comment.status == Comment.Status.APPROVED:
        query = urlencode({"comment": "published", **page_params_of(comment)})
        return f"{story_url}?{query}#comment-{comment.pk}"
    return f"{story_url}?comment=received#comments"


def form_page(request, story, form):
    form.refresh_token()
    return render(request, "comments/form_errors.html", {"story": story, "form": form}, status=400)


def check_report_post(request, target, *, salt, token_messages):
    """Refuse a readers' report (of a comment, of an error in a story) sent from another site
    or without a good token for `target`; an expired token keeps the form."""
    if client.is_cross_site(request):
        raise Refused(400, _("Report not sent"), _("Reports can only be sent from this site's own pages."))
    problem = token_problem(request.POST.get("token"), target, salt=salt)
    if problem:
        raise Refused(
            400, _("Report not sent"), token_messages[problem], keep_form=problem == TokenProblem.EXPIRED
        )


def report_sender_hash(request, report):
    """The keyed hash of a readers' report's address, once the comments' per-address rate
    limit, which reports share, lets it through; `report` names it in the log."""
    ip_hash = client.ip_hash(client_ip(request))
    if reason := spam.rate_limited(ip_hash):
        logger.info("%s refused by %s", report, reason)
        raise Refused(
            429,
            _("Too many messages"),
            _("You have sent several messages in a short time. Please wait a few minutes and try again."),
        )
    return ip_hash


def refused_page(request, story, refusal, template="comments/refused.html"):
    """The page that says why a reader's post was refused, with the refusal's status."""
    response = render(
        request,
        template,
        {"story": story, "title": refusal.title, "message": refusal.message},
        status=refusal.status,
    )
    if refusal.status == 429:
        response["Retry-After"] = str(settings.COMMENTS_RATE_WINDOW)
    return response


def permalink(request, pk):
    """A comment's lasting address: its story's page of comments that shows it."""
    comment = get_object_or_404(Comment.objects.public().select_related("story"), pk=pk)
    if not comment.story.is_public:
        raise Http404(_("No comment at this address."))
    return redirect(f"{comment.story.get_absolute_url()}{page_query_of(comment)}#comment-{comment.pk}")
