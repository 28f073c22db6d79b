"""The order in which a story's comments are read, stored as one sortable key per comment.

A key is a materialised path: one segment per level, from the thread's top-level comment
down to the comment itself, each segment the comment's time and number in fixed-width hex,
so that sorting the keys as text gives threads in the order they began and, within each,
every comment followed by its replies, oldest first. Replies deeper than the thread depth
(`COMMENTS_THREAD_DEPTH`) join the deepest level: their key continues the key of their
ancestor at that level. The key is written once, when the comment is stored; `manage.py
render_comments` rewrites them all after the depth setting changes.
"""

from datetime import UTC, datetime

from django.conf import settings

SEPARATOR = "."
# Microseconds since 1970 and a bigint primary key, as hex of a fixed width.
TIME_DIGITS, NUMBER_DIGITS = 14, 16
SEGMENT = TIME_DIGITS + NUMBER_DIGITS
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
DEEPEST = 8  # levels the key's column has room for


def max_depth():
    """Levels shown: one would be no threading at all, two is the least that keeps replies by
    their thread."""
    return min(DEEPEST, max(2, settings.COMMENTS_THREAD_DEPTH))


def segment(pk, created_at):
    micros = max(0, (created_at - EPOCH) // datetime.resolution)
    return f"{micros:0{TIME_DIGITS}x}{pk:0{NUMBER_DIGITS}x}"


def key_of(pk, created_at, parent_key=""):
    """The key of comment `pk` posted at `created_at` under the comment keyed `parent_key`
    ("" for a top-level comment)."""
    if not parent_key:
        return segment(pk, created_at)
    holder = parent_key.split(SEPARATOR)[: max_depth() - 1]
    return SEPARATOR.join([*holder, segment(pk, created_at)])


def level_of(key):
    """0 for a top-level comment, 1 for a reply to it, and so on up to the deepest level."""
    return key.count(SEPARATOR)


def thread_start(key):
    """The part of the key that every comment of its thread shares."""
    return key[:SEGMENT]


def after_thread(key):
    """A key greater than every key of the thread, and smaller than the next thread's."""
    return thread_start(key) + "~"  # "~" sorts after the separator and every hex digit


def rekey(comments):
    """Write the keys of `comments` (a queryset of one or more stories' comments) again, for
    example after the depth setting changed. Returns how many changed."""
    keys, changed = {}, []
    for comment in comments.order_by("depth", "pk").only("pk", "parent_id", "created_at", "reading_key"):
        comment_key = key_of(comment.pk, comment.created_at, keys.get(comment.parent_id, ""))
        keys[comment.pk] = comment_key
        if comment.reading_key != comment_key:
            comment.reading_key = comment_key
            changed.append(comment)
    comments.model.objects.bulk_update(changed, ["reading_key"], batch_size=1000)
    return len(changed)
