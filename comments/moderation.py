"""Moderation workflows, shared by the comment view, the admin and the commands: receiving a
new comment, changing its status, editing, erasing and replying, each written to the audit
trail (`ModerationRecord`) with who and when; counting and telling the moderators."""

import logging
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.caching import bump_story_version, refresh_story_pages
from articles.models import Story
from comments import reading_order, rendering, spam, subscriptions
from comments.models import Comment, ModerationRecord

logger = logging.getLogger(__name__)

Status = Comment.Status
Action = ModerationRecord.Action
PENDING_COUNT_KEY = "comments:pending-count"
PENDING_COUNT_SECONDS = 30
NOTICE_SENT_KEY = "comments:moderators-notified"


def _set_status(comments, status, by, note):
    """Set `status` on a comment or a queryset of comments; return how many changed.

    Each change is recorded with its previous status. The stories whose comments changed
    get a new content version, so their cached pages (and ETags) are replaced at once.
    """
    now = timezone.now()
    single = comments if isinstance(comments, Comment) else None
    if single is not None:
        comments = Comment.objects.filter(pk=single.pk)
    with transaction.atomic():
        # Locked, so that two moderators deciding at once record what each really changed.
        # (By primary key: the admin's querysets may be DISTINCT, which cannot be locked.)
        locked = Comment.objects.filter(pk__in=comments.values("pk")).exclude(status=status)
        changing = list(locked.select_for_update().order_by().values_list("pk", "story_id", "status"))
        count = Comment.objects.filter(pk__in=[pk for pk, _, _ in changing]).update(
            status=status, status_changed_at=now, status_changed_by=by
        )
        _record([(pk, Action.STATUS, old, status) for pk, _, old in changing], by=by, at=now, note=note)
        shown = Counter(story_id for _, story_id, old in changing if status == Status.APPROVED)
        hidden = Counter(story_id for _, story_id, old in changing if old == Status.APPROVED)
        _count(shown, hidden)
        # The changed comments, and the replies whose "in reply to" line names them.
        rendering.refresh([pk for pk, _, _ in changing])
    if single is not None and count:
        single.status, single.status_changed_at, single.status_changed_by = status, now, by
    stories_changed({story_id for _, story_id, _ in changing})
    pending_changed()
    if status == Status.APPROVED:
        subscriptions.replies_published([pk for pk, _, _ in changing])
    return count


def _record(changes, *, by, at=None, note=""):
    """Append one audit record per (comment pk, action, from status, to status)."""
    at = at or timezone.now()
    by_name = by.get_username() if by is not None else ""
    ModerationRecord.objects.bulk_create(
        ModerationRecord(
            comment_id=pk, comment_number=pk, by=by, by_name=by_name, at=at, action=action,
            from_status=old, to_status=new, note=note[:300],
        )
        for pk, action, old, new in changes
    )  # fmt: skip


def _count(shown, hidden=None):
    """Keep `Story.comment_count` (approved comments): `shown` and `hidden` count, per story,
    the comments that became approved and those that stopped being approved."""
    deltas = Counter(shown)
    deltas.subtract(hidden or {})
    for story_id, delta in deltas.items():
        if delta:
            Story.objects.filter(pk=story_id).update(comment_count=F("comment_count") + delta)


def recount(stories=None):
    """Count every story's approved comments again (`manage.py recount_comments`), in one
    statement; return how many counts were wrong."""
    stories = Story.objects.all() if stories is None else stories
    approved = Coalesce(
        Subquery(
            Comment.objects.approved()
            .filter(story=OuterRef("pk"))
            .order_by()
            .values("story")
            .annotate(n=models.Count("pk"))
            .values("n")
        ),
        0,
    )
    return stories.exclude(comment_count=approved).update(comment_count=approved)


def stories_changed(story_ids):
    """Make the cached pages of these stories stale (their shown comments changed): now, and
    again once the change commits (a page rendered meanwhile from the old rows would be kept
    under the new version); then have the proxy caches fetch them again."""
    story_ids = set(story_ids)
    for story_id in story_ids:
        bump_story_version(story_id)

    def committed():
        for story_id in story_ids:
            bump_story_version(story_id)
        refresh_story_pages(story_ids)

    transaction.on_commit(committed, robust=True)


def approve(*, comments, by=None, note=""):
    """Publish the comments on their story pages and feeds."""
    return _set_status(comments, Status.APPROVED, by, note)


def mark_spam(*, comments, by=None, note=""):
    """Hide the comments as spam; they stay stored for review."""
    return _set_status(comments, Status.SPAM, by, note)


def remove(*, comments, by=None, note=""):
    """Hide the comments: off-topic, abusive, or removed at the author's request."""
    return _set_status(comments, Status.REMOVED, by, note)


def restore(*, comments, by=None, note=""):
    """Put the comments back in the moderation queue, to be decided again."""
    return _set_status(comments, Status.PENDING, by, note)


def hold_for_review(*, comment, note=""):
    """Take a published comment off its story page and back into the queue (readers reported
    it); the record, by nobody, says why. Returns 1 when it was published, else 0."""
    if comment.status != Status.APPROVED:
        return 0
    return _set_status(
        Comment.objects.filter(pk=comment.pk, status=Status.APPROVED), Status.PENDING, None, note
    )


def text_edited(*, comment, by=None, note=""):
    """Record that `comment`'s text was changed (the old text is not kept: an erasure
    request must be able to remove it), and show the new text."""
    _record([(comment.pk, Action.EDITED, comment.status, comment.status)], by=by, note=note)
    rendering.refresh([comment.pk])
    stories_changed({comment.story_id})


def details_edited(*, comment):
    """Show a comment's corrected name or website (edits that leave no moderation record)."""
    rendering.refresh([comment.pk])
    stories_changed({comment.story_id})


def erased(*, comments, by=None, note=""):
    """Record that these comments' commenter data was erased, and render them (and the replies
    that name them) again, so that no stored page fragment keeps the old name."""
    _record([(c.pk, Action.ERASED, c.status, c.status) for c in comments], by=by, note=note)
    rendering.refresh([c.pk for c in comments])


def reply(*, parent, text, by):
    """Publish the newsroom's answer to `parent`, signed by the staff member `by`.

    The reply is approved at once, marked as the newsroom's and recorded.
    """
    full_name = by.get_full_name().strip()
    name = f"{full_name} ({settings.SITE_NAME})" if full_name else str(settings.SITE_NAME)
    now = timezone.now()
    with transaction.atomic():
        answer = add(
            Comment(
                story_id=parent.story_id, parent=parent, name=name[:80], text=text,
                email=by.email or settings.DEFAULT_FROM_EMAIL, is_staff_reply=True, user=by,
                status=Status.APPROVED, created_at=now, status_changed_at=now, status_changed_by=by,
            )
        )  # fmt: skip
        _record(
            [(answer.pk, Action.REPLY, "", Status.APPROVED)], by=by, at=now, note=f"reply to #{parent.pk}"
        )
    stories_changed({parent.story_id})
    subscriptions.replies_published([answer.pk])
    return answer


def pending_count():
    """How many comments await moderation, counted at most every PENDING_COUNT_SECONDS
    (the queue index serves the count); moderation decisions drop the cached number."""
    count = cache.get(PENDING_COUNT_KEY)
    if count is None:
        count = Comment.objects.pending().count()
        cache.set(PENDING_COUNT_KEY, count, PENDING_COUNT_SECONDS)
    return count


def pending_changed():
    cache.delete(PENDING_COUNT_KEY)


def is_trusted(email):
    """With COMMENTS_TRUST_RETURNING, an email that already has an approved comment."""
    return settings.COMMENTS_TRUST_RETURNING and Comment.objects.approved().by_email(email).exists()


def receive(*, comment, story, ip, honeypot_value=""):
    """Store a new reader comment with the status the spam rules give it (pending when none
    objects, approved for trusted returning commenters) and tell the moderators."""
    status, reason = spam.screen(comment, story=story, ip=ip, honeypot_value=honeypot_value)
    if status is None:
        status = Status.APPROVED if is_trusted(comment.email) else Status.PENDING
    comment.status = status
    if reason:
        comment.held_rule, comment.held_detail = reason.rule, reason.detail[:300]
        logger.info("Comment on story %s held or marked by %s", story.pk, reason)
    add(comment)
    if status == Status.PENDING:
        pending_changed()
        notify_moderators(comment=comment)
    elif status == Status.APPROVED:
        stories_changed({story.pk})
        subscriptions.replies_published([comment.pk])
    return comment


def add(comment):
    """Store a new comment with the status it has, counted and rendered when it is approved
    (readers' comments come through `receive`; the demo and imports call this directly)."""
    with transaction.atomic():
        comment.save()
        if comment.status == Status.APPROVED:
            _count({comment.story_id: 1})
            rendering.refresh([comment.pk])
            comment.html = Comment.objects.filter(pk=comment.pk).values_list("html", flat=True).get()
    return comment


def notify_moderators(*, comment):
    """Queue an email to the moderators once the comment is committed, unless one was sent
    in the last COMMENTS_NOTIFY_INTERVAL seconds.

    `cache.add` is atomic in the shared cache, so of many comments arriving at once only
    one queues the email. `robust` keeps a failing queue from failing the request: the
    comment is already stored.
    """
    from comments.tasks import send_moderation_notice

    def queue_notice():
        if cache.add(NOTICE_SENT_KEY, comment.pk, timeout=settings.COMMENTS_NOTIFY_INTERVAL):
            try:
                send_moderation_notice.enqueue(comment.pk)
            except Exception:
                cache.delete(NOTICE_SENT_KEY)  # the next comment tries again
                raise

    transaction.on_commit(queue_notice, robust=True)


def rebuild(comments=None):
    """Key, render and count again the given comments (all by default) and their stories:
    after an import, a change of template, translation or thread depth
    (`manage.py render_comments`). Returns (keys rewritten, fragments rewritten, counts fixed)."""
    comments = Comment.objects.all() if comments is None else comments
    story_ids = list(comments.order_by().values_list("story_id", flat=True).distinct())
    keys = sum(reading_order.rekey(Comment.objects.filter(story=story_id)) for story_id in story_ids)
    fragments = rendering.render_comments(comments.filter(status=Status.APPROVED), Comment)
    counts = recount(Story.objects.filter(pk__in=story_ids))
    stories_changed(story_ids)
    return keys, fragments, counts
