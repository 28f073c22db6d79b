"""A story's approved comments as threads, one page at a time.

A page holds whole threads, in the order they began, up to COMMENTS_PER_PAGE comments (a
thread longer than that has a page to itself), so a page costs the same whether the story
has fifty comments or five thousand. Three queries whatever the number of comments: the
top-level comments, the size of each thread, and every approved comment in this page's
threads; pages and trees are built in Python.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count

from comments.models import Comment


def max_depth():
    # One level is no threading at all; two is the least that keeps replies by their thread.
    return max(2, settings.COMMENTS_THREAD_DEPTH)


def thread_pages(story_id):
    """The story's pages of comments: each a list of (top-level comment id, thread id)."""
    story_comments = Comment.objects.filter(story=story_id)
    roots = story_comments.display_roots().oldest_first().values_list("pk", "thread_id")
    sizes = dict(
        story_comments.approved().order_by().values_list("thread_id").annotate(size=Count("pk"))
    )
    return pack_threads(roots, sizes, settings.COMMENTS_PER_PAGE)


def pack_threads(roots, sizes, per_page):
    """Split `roots` into pages of whole threads holding at most `per_page` comments."""
    pages, current, filled, counted = [], [], 0, set()
    for pk, thread in roots:
        # A thread's comments are counted once, with the first of its top-level comments
        # (a reply to a removed comment is shown at the top level but stays in its thread).
        size = 1 if thread in counted else sizes.get(thread, 1)
        counted.add(thread)
        if current and filled + size > per_page:
            pages.append(current)
            current, filled = [], 0
        current.append((pk, thread))
        filled += size
    if current:
        pages.append(current)
    return pages


def story_page(story, number):
    """Page `number` (1 when missing or wrong) of the story's comments. Each comment on it gets
    `children`, `level` and `parent_shown` (the comment it answers, or None)."""
    # Without an approved comment there is nothing to ask the database.
    pages = thread_pages(story.pk) if getattr(story, "comment_count", True) else []
    page = Paginator(pages, 1).get_page(number)
    shown = page.object_list[0] if pages else []
    comments = (
        list(
            Comment.objects.public()
            .filter(story=story, thread_id__in={thread for _, thread in shown})
            .oldest_first()
        )
        if shown
        else []
    )
    page.threads, page.flat = build_tree(comments, [pk for pk, _ in shown])
    return page


def build_tree(comments, root_ids):
    """The top-level comments in `root_ids` order, each with its replies under it, and all of
    them in reading order (each with `closes`, see `_walk`). Replies deeper than the thread
    depth join the deepest level."""
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
    for comment in flat:
        comment.closes = range(comment.closes)  # what a template can loop over
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
    """Append `comment` and its replies to `flat` in reading order. Each comment's `closes`
    counts the reply lists that end with it, so one loop can render the nested lists."""
    flat.append(comment)
    comment.closes = 0
    comment.children.sort(key=lambda c: (c.created_at, c.pk))
    for child in comment.children:
        _walk(child, flat)
    if comment.children:
        flat[-1].closes += 1


def page_number_of(comment):
    """The page of its story's comments that shows `comment` (approved)."""
    thread = {
        pk: (parent_id, status)
        for pk, parent_id, status in Comment.objects.filter(thread_id=comment.thread_id).values_list(
            "pk", "parent_id", "status"
        )
    }
    root = comment.pk
    while (parent := thread[root][0]) in thread and thread[parent][1] == Comment.Status.APPROVED:
        root = parent
    for number, page in enumerate(thread_pages(comment.story_id), start=1):
        if any(pk == root for pk, _ in page):
            return number
    return 1
