"""`{% story_comments story %}`: the comments section of a story page.

It reads only the request's query string (the page of comments, `comment`), never the session or the
messages framework, so the page stays the same for every anonymous reader and cacheable.
"""

from django import template
from django.utils.translation import gettext_lazy as _

from comments.form_html import field_group_html
from comments.forms import CommentForm
from comments.models import comments_are_open
from comments.pages import reply_links, story_page
from comments.reports import report_links

register = template.Library()

# The notice after posting comes from this fixed parameter, never from per-reader state.
NOTICES = {
    "received": _("Thank you. Your comment is awaiting moderation."),
    "published": _("Your comment is published."),
}


@register.inclusion_tag("comments/_comments.html", takes_context=True)
def story_comments(context, story):
    request = context.get("request")
    params = request.GET if request is not None else {}
    page = story_page(story, params)
    is_open = story.is_public and comments_are_open(story)
    return {
        "story": story,
        "page": page,
        # Reply links while comments are open; Report links on every public story.
        "comment_list": page.html(
            report_links(reply_links(page) if is_open else None) if story.is_public else None
        ),
        "comments_open": is_open,
        "form": CommentForm.for_page(story, params) if is_open else None,
        "notice": NOTICES.get(params.get("comment")),
        "notice_kind": params.get("comment"),
    }


@register.filter
def web_link(url):
    """The commenter's website when it is an http(s) address, else an empty string."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


@register.filter
def field_group(field):
    """A form field with its label, required mark, help text and errors (comments.form_html)."""
    return field_group_html(field)
