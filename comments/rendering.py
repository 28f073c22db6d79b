"""Each comment's public HTML, rendered once and stored in `Comment.html`.

A comment changes only when a moderator (or the commenter's erasure request) acts, so the
moderation functions render it then, and a story page joins the stored fragments instead
of running the template language once per comment. A fragment's inputs are the comment's
public fields and its parent's name and status ("in reply to ..."): whatever changes one of
them renders the fragments again (`refresh`). The template sees a dictionary of public
fields, never the model instance, so an email, IP hash or user agent cannot reach it.
`manage.py render_comments` renders every comment again after a template or translation
change.
"""

from types import SimpleNamespace

from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

TEMPLATE = "comments/_comment.html"
# What a fragment may show; the template gets these and nothing else.
SHOWN_FIELDS = ("pk", "parent_id", "name", "website", "text_html", "created_at", "is_staff_reply")
BATCH = 500


def fragment_of(comment, parent_shown):
    """The HTML of `comment` (anything with SHOWN_FIELDS); `parent_shown` is the
    (pk, name) of the comment it answers when that one is published, else None."""
    shown = {field: getattr(comment, field) for field in SHOWN_FIELDS}
    shown["permalink"] = reverse("comments:permalink", kwargs={"pk": comment.pk})
    shown["parent_shown"] = (
        SimpleNamespace(pk=parent_shown[0], name=parent_shown[1]) if parent_shown else None
    )
    # The site's language, whatever the request that triggered it was in.
    with translation.override(None):
        return get_template(TEMPLATE).render({"comment": SimpleNamespace(**shown)}).strip()


def render_comments(comments, model):
    """Render and store the fragments of `comments` (a queryset of `model`, the Comment
    model, current or historical); return how many were written."""
    approved = model.Status.APPROVED if hasattr(model, "Status") else "approved"
    fields = [field for field in SHOWN_FIELDS if field != "pk"]
    rows = comments.order_by("pk").only("html", *fields)
    written, last = 0, 0
    while batch := list(rows.filter(pk__gt=last)[:BATCH]):
        last = batch[-1].pk
        parents = {
            pk: (pk, name)
            for pk, name in model.objects.filter(
                pk__in={c.parent_id for c in batch if c.parent_id}, status=approved
            ).values_list("pk", "name")
        }
        changed = []
        for comment in batch:
            html = fragment_of(comment, parents.get(comment.parent_id))
            if html != comment.html:
                comment.html = html
                changed.append(comment)
        model.objects.bulk_update(changed, ["html"])
        written += len(changed)
    return written


def refresh(comment_ids):
    """Render again the comments `comment_ids` and the replies to them (whose "in reply to"
    line names them), after a moderation decision, an edit or an erasure."""
    from comments.models import Comment

    ids = set(comment_ids)
    if not ids:
        return 0
    replies = Comment.objects.filter(parent__in=ids).values_list("pk", flat=True)
    return render_comments(Comment.objects.filter(pk__in=ids | set(replies)), Comment)
