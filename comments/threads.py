"""A story's approved comments as threads, one page of top-level threads at a time.

Three queries whatever the number of comments: the number of top-level threads, the ids
of this page's threads, and every approved comment in them; the tree is built in Python.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q

from comments.models import Comment


def max_depth():
    # One level is no threading at all; two is the least that keeps replies by their thread.
    return max(2, settings.COMMENTS_THREAD_DEPTH)


def story_page(story, number):
    """Page `number` (1 when missing or wrong) of the story's threads. Each comment on it gets
    `children`, `level` and `parent_shown` (the comment it answers, or None)."""
    roots = Comment.objects.filter(story=story).display_roots().oldest_first().values_list("pk", "thread_id")
    if not getattr(story, "comment_count", True):
        roots = roots.none()  # nothing approved: no query needed
    page = Paginator(roots, settings.COMMENTS_PER_PAGE).get_page(number)
    root_ids = [pk for pk, _ in page.object_list]
    comments = list(
        Comment.objects.public()
        .filter(story=story, thread_id__in={thread for _, thread in page.object_list})
        .oldest_first()
    )
    page.threads, page.flat = build_tree(comments, root_ids)
    return page


def build_tree(comments, root_ids):
    """The top-level comments in `root_ids` order, each with its replies under it, and all of
    them in reading order. Replies deeper than the thread depth join the deepest level."""
    by_id = {c.pk: c for c in comments}
    roots = [by_id[pk] for pk in root_ids if pk in by_id]
    for comment in comments:
        comment.children, comment.level = [], None
        comment.parent_shown = by_id.get(comment.parent_id)
    for root in roots:
        root.level = 0
    for comment in comments:
        _place(comment, by_id)
    flat = []
    for root in roots:
        _walk(root, flat)
    return roots, flat


def _place(comment, by_id):
    """Attach `comment` under its shown parent (placing the parent first); comments whose
    thread starts on another page stay unplaced."""
    chain = []
    while comment.level is None and comment.parent_shown is not None:
        chain.append(comment)
        comment = comment.parent_shown
    if comment.level is None:
        return  # its top-level comment is on another page
    for child in reversed(chain):
        holder = child.parent_shown
        while holder.level >= max_depth() - 1:
            holder = holder.holder
        child.holder, child.level = holder, holder.level + 1
        holder.children.append(child)


def _walk(comment, flat):
    flat.append(comment)
    comment.children.sort(key=lambda c: (c.created_at, c.pk))
    for child in comment.children:
        _walk(child, flat)


def page_number_of(comment):
    """The page of its story's comments that shows `comment` (approved)."""
    thread = {
        pk: (parent_id, status, created_at)
        for pk, parent_id, status, created_at in Comment.objects.filter(
            thread_id=comment.thread_id
        ).values_list("pk", "parent_id", "status", "created_at")
    }
    root = comment.pk
    while (parent := thread[root][0]) in thread and thread[parent][1] == Comment.Status.APPROVED:
        root = parent
    created_at = thread[root][2]
    before = (
        Comment.objects.filter(story=comment.story_id)
        .display_roots()
        .filter(Q(created_at__lt=created_at) | Q(created_at=created_at, pk__lt=root))
        .count()
    )
    return before // settings.COMMENTS_PER_PAGE + 1
