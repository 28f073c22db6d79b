"""A story's published comments, one page at a time, as one slice in reading order.

A page holds whole threads, in the order they began, up to COMMENTS_PER_PAGE comments (a
thread longer than that has a page to itself). Pages are found from a thread's top-level
comment (`?after=`, `?before=`, `?at=`), not by number, and read as one slice of the index on
(story, status, reading key): the slice costs the same for the first page of fifty
comments and the last page of fifty thousand. Nothing is built per request: each comment's
HTML is stored (`comments.rendering`) and its level comes from its key.
"""

from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlencode

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from articles.pagination import whole_number
from comments.models import Comment
from comments.reading_order import after_thread, level_of, thread_start

# Query parameters naming a thread's top-level comment: the page after it, before it, from it.
CURSORS = ("after", "before", "at")
LARGEST_ID = 2**63 - 1  # a bigint primary key
# What a page reads of each comment: (id, thread, reading key, name, stored HTML).
ROW_FIELDS = ("pk", "thread_id", "reading_key", "name", "html")
PK, THREAD, KEY, NAME, HTML = range(5)


@dataclass
class CommentPage:
    rows: list = field(default_factory=list)  # ROW_FIELDS tuples in reading order
    has_previous: bool = False
    has_next: bool = False
    params: dict = field(default_factory=dict)  # this page's cursor ({} for the first page)

    @property
    def first_thread(self):
        return self.rows[0][THREAD]

    @property
    def last_thread(self):
        return self.rows[-1][THREAD]

    @property
    def query(self):
        return f"?{urlencode(self.params)}" if self.params else ""

    def html(self, reply_link=None):
        """The page's comments as nested lists, joined from their stored HTML. A reply whose
        parent is no longer shown moves up a level, so that the lists nest one at a time.
        `reply_link(pk, name)`, when given, adds each comment's Reply link."""
        out, previous = [], -1
        for row in self.rows:
            level = min(level_of(row[KEY]), previous + 1)
            if previous < 0:
                out.append('<ol class="comment-list"><li>')
            elif level > previous:
                out.append("<ol><li>")
            else:
                out.append("</li>" + "</ol></li>" * (previous - level) + "<li>")
            out.append(row[HTML])
            if reply_link is not None:
                out.append(reply_link(row[PK], row[NAME]))
            previous = level
        if previous >= 0:
            out.append("</li>" + "</ol></li>" * previous + "</ol>")
        return mark_safe("".join(out))


def reply_links(page):
    """A function giving each comment of `page` its Reply link: the same page with
    `reply_to`, which names the comment in the form (a script moves the form under it).
    Written with plain string formatting: it runs once per comment on the page."""
    start = escape(f"?{urlencode({**page.params, 'reply_to': ''})}")
    label = escape(gettext("Reply"))
    to_name = escape(gettext("to %(name)s"))

    def link(pk, name):
        hidden = to_name % {"name": escape(name)}
        return (
            f'<p class="comment__actions"><a href="{start}{pk}#comment-form" data-reply-to="{pk}">{label}'
            f'<span class="visually-hidden"> {hidden}</span></a></p>'
        )

    return link


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
    if story.comment_count == 0:
        return CommentPage()  # nothing published: no query needed
    published = Comment.objects.approved().filter(story=story).values_list(*ROW_FIELDS)
    direction, anchor = cursor_of(params)
    key = direction and Comment.objects.filter(pk=anchor, story=story).values_list("reading_key").first()
    if not key:
        return _forward(published, None)
    if direction == "before":
        page = _backward(published, thread_start(key[0]))
        return page if page.rows else _forward(published, None)
    start = thread_start(key[0]) if direction == "at" else after_thread(key[0])
    page = _forward(published, start, {direction: anchor})
    return page if page.rows else _forward(published, None)


def _forward(published, start, params=None):
    per_page = settings.COMMENTS_PER_PAGE
    rows = published.order_by("reading_key")
    if start is not None:
        rows = rows.filter(reading_key__gte=start)
    rows = list(rows[: per_page + 1])
    has_previous = bool(params) and (
        "after" in params or published.filter(reading_key__lt=start).exists()
    )  # fmt: skip
    if len(rows) <= per_page:
        return CommentPage(rows, has_previous, False, params or {})
    page = _whole_threads(rows[:per_page], rows[per_page][THREAD])
    if not page:  # one thread longer than a page: all of it
        page = _thread(published, rows[0][KEY])
        has_next = published.filter(reading_key__gt=after_thread(rows[0][KEY])).exists()
        return CommentPage(page, has_previous, has_next, params or {})
    return CommentPage(page, has_previous, True, params or {})


def _backward(published, end):
    per_page = settings.COMMENTS_PER_PAGE
    rows = list(published.filter(reading_key__lt=end).order_by("-reading_key")[: per_page + 1])
    if not rows:
        return CommentPage()
    if len(rows) <= per_page:
        page, has_previous = rows, False
    else:
        page, has_previous = _whole_threads(rows[:per_page], rows[per_page][THREAD]), True
        if not page:  # one thread longer than a page, the one just before `end`
            page = _thread(published, rows[0][KEY])
            has_previous = published.filter(reading_key__lt=thread_start(rows[0][KEY])).exists()
            return CommentPage(page, has_previous, True, {"at": page[0][THREAD]})
    page.reverse()
    return CommentPage(page, has_previous, True, {"at": page[0][THREAD]})


def _whole_threads(rows, cut_thread):
    """`rows` without the comments of `cut_thread`, the thread that the slice cut in two
    (empty when that is the only thread in it)."""
    if rows[-1][THREAD] != cut_thread:
        return rows
    return [row for row in rows if row[THREAD] != cut_thread]


def _thread(published, key):
    """Every published comment of the thread that `key` belongs to, in reading order."""
    start = thread_start(key)
    return list(
        published.filter(reading_key__gte=start, reading_key__lt=after_thread(key)).order_by("reading_key")
    )


def page_params_of(comment):
    """The query parameters of a page of its story's comments that shows `comment`
    (published): none for the first page, else `at` its thread."""
    published = Comment.objects.approved().filter(story=comment.story_id).values_list(*ROW_FIELDS)
    first_page = _forward(published, None)
    on_first_page = any(row[THREAD] == comment.thread_id for row in first_page.rows)
    return {} if on_first_page else {"at": comment.thread_id}


def page_query_of(comment):
    """`page_params_of` as a query string: "" for the first page, else "?at=<id>"."""
    params = page_params_of(comment)
    return f"?{urlencode(params)}" if params else ""
