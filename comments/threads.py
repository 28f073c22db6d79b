"""A story's approved comments as threads, one page at a time.

A page holds whole threads, in the order they began, up to COMMENTS_PER_PAGE comments (a
thread longer than that has a page to itself). Pages are found from a top-level comment
(`?after=`, `?before=`, `?at=`) rather than by number, so a page costs three queries over
at most a page of threads whether the story has fifty comments or fifty thousand: the
page's candidate top-level comments, the size of their threads, and the comments in them.
A story whose approved comments fit on one page (its `comment_count` says so) costs one.
The trees are built in Python.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Q, Subquery

from articles.pagination import whole_number
from comments.models import Comment

# Query parameters naming a top-level comment: the page after it, before it, or from it.
CURSORS = ("after", "before", "at")
LARGEST_ID = 2**63 - 1  # a bigint primary key


def max_depth():
    # One level is no threading at all; two is the least that keeps replies by their thread.
    return max(2, settings.COMMENTS_THREAD_DEPTH)


@dataclass
class CommentPage:
    threads: list = field(default_factory=list)  # top-level comments, each with `children`
    flat: list = field(default_factory=list)  # every comment shown, in reading order
    has_previous: bool = False
    has_next: bool = False
    query: str = ""  # this page's query string ("" for the first page)
    # The page's top-level comment ids as read, for its links: one may be missing from
    # `threads` if it was moderated between the two queries.
    root_ids: list = field(default_factory=list)

    @property
    def first_root(self):
        return self.root_ids[0]

    @property
    def last_root(self):
        return self.root_ids[-1]


def cursor_of(params):
    """(direction, top-level comment id) from the query parameters, or (None, None)."""
    for direction in CURSORS:
        anchor = whole_number(params.get(direction, ""), LARGEST_ID)
        if anchor is not None:
            return direction, anchor
    return None, None


def story_page(story, params):
    """The page of the story's comments that `params` asks for (the first one when it asks
    for none, or for one that does not exist)."""
    approved = getattr(story, "comment_count", None)
    if approved == 0:
        return CommentPage()  # nothing approved: no query needed
    direction, anchor = cursor_of(params)
    if direction is None and approved is not None and approved <= settings.COMMENTS_PER_PAGE:
        return _whole_discussion(story)
    roots, has_more = _page_roots(story.pk, direction, anchor)
    if direction and not roots:
        return story_page(story, {})
    comments = list(
        Comment.objects.public()
        .filter(story=story, thread_id__in={thread for _, thread in roots})
        .oldest_first()
    )
    root_ids = [pk for pk, _ in roots]
    threads, flat = build_tree(comments, root_ids)
    if direction == "before":
        has_previous, has_next = has_more, True
    else:
        has_next = has_more
        has_previous = direction == "after" or (
            direction == "at" and _roots_of(story.pk).filter(_before(story.pk, anchor)).exists()
        )
    query = f"?{direction}={anchor}" if direction else ""
    return CommentPage(threads, flat, has_previous, has_next, query, root_ids)


def _whole_discussion(story):
    """The one page of a story whose approved comments all fit on it (most stories): one
    query, the shown top-level comments worked out from it. Comments approved since the
    story was read may make it a little longer than a page, never incomplete."""
    comments = list(Comment.objects.public().filter(story=story).oldest_first())
    shown = {comment.pk for comment in comments}
    root_ids = [comment.pk for comment in comments if comment.parent_id not in shown]
    threads, flat = build_tree(comments, root_ids)
    return CommentPage(threads, flat, root_ids=root_ids)


def _roots_of(story_id):
    return Comment.objects.filter(story=story_id).display_roots()


def _anchor_time(story_id, anchor):
    # NULL for a comment of another story: then nothing compares, and the first page shows.
    return Subquery(Comment.objects.filter(pk=anchor, story=story_id).values("created_at")[:1])


def _after(story_id, anchor, inclusive=False):
    at = _anchor_time(story_id, anchor)
    same_time = Q(created_at=at, pk__gte=anchor) if inclusive else Q(created_at=at, pk__gt=anchor)
    return Q(created_at__gt=at) | same_time


def _before(story_id, anchor):
    at = _anchor_time(story_id, anchor)
    return Q(created_at__lt=at) | Q(created_at=at, pk__lt=anchor)


def _page_roots(story_id, direction, anchor):
    """This page's (top-level comment id, thread id) pairs in reading order, and whether
    more threads lie beyond it (after it, or before it for `before`)."""
    per_page = settings.COMMENTS_PER_PAGE
    roots = _roots_of(story_id)
    if direction == "before":
        roots = roots.filter(_before(story_id, anchor)).order_by("-created_at", "-pk")
    else:
        if direction:
            roots = roots.filter(_after(story_id, anchor, inclusive=direction == "at"))
        roots = roots.oldest_first()
    # Every thread holds at least one comment: a page never has more than per_page of them.
    candidates = list(roots.values_list("pk", "thread_id")[: per_page + 1])
    sizes = dict(
        Comment.objects.approved()
        .filter(story=story_id, thread_id__in={thread for _, thread in candidates})
        .order_by()
        .values_list("thread_id")
        .annotate(size=Count("pk"))
    )
    taken = pack_threads(candidates, sizes, per_page)
    if direction == "before":
        taken.reverse()
    return taken, len(taken) < len(candidates)


def pack_threads(roots, sizes, per_page):
    """The leading `roots` whose threads hold at most `per_page` comments together (the
    first one always, however long its thread)."""
    taken, filled, counted = [], 0, set()
    for pk, thread in roots:
        # A thread's comments are counted once, with the first of its top-level comments
        # (a reply to a removed comment is shown at the top level but stays in its thread).
        size = 1 if thread in counted else sizes.get(thread, 1)
        if taken and filled + size > per_page:
            break
        counted.add(thread)
        taken.append((pk, thread))
        filled += size
    return taken


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


def page_params_of(comment):
    """The query parameters of a page of its story's comments that shows `comment`
    (approved): none for the first page, else `at`, the page starting with its thread."""
    thread = {
        pk: (parent_id, status)
        for pk, parent_id, status in Comment.objects.filter(thread_id=comment.thread_id).values_list(
            "pk", "parent_id", "status"
        )
    }
    root = comment.pk
    while (parent := thread[root][0]) in thread and thread[parent][1] == Comment.Status.APPROVED:
        root = parent
    first_page, _ = _page_roots(comment.story_id, None, None)
    return {} if any(pk == root for pk, _ in first_page) else {"at": root}


def page_query_of(comment):
    """`page_params_of` as a query string: "" for the first page, else "?at=<id>"."""
    params = page_params_of(comment)
    return f"?{urlencode(params)}" if params else ""
