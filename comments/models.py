"""Reader comments and the word lists moderators keep. A commenter's email and IP hash
live here and only here: public pages use `Comment.objects.public()`, which never loads them."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments import reading_order
from newsroom.sanitize import text_to_html

# The fields public pages may read; email, IP hash and user agent are not among them.
PUBLIC_FIELDS = (
    "id", "story_id", "parent_id", "thread_id", "depth", "name", "website", "text_html",
    "created_at", "is_staff_reply", "reading_key", "html",
)  # fmt: skip

# A commenter's website becomes a link on public pages, so only web addresses are taken.
web_url_validator = URLValidator(schemes=["http", "https"])


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def public(self):
        """Approved comments with only the fields a public page shows."""
        return self.approved().only(*PUBLIC_FIELDS)

    def in_reading_order(self):
        """Threads in the order they began, each comment followed by its replies."""
        return self.order_by("reading_key")

    def oldest_first(self):
        return self.order_by("created_at", "pk")

    def by_email(self, email):
        """Every comment left with `email`, whatever its case."""
        return self.filter(email__iexact=email.strip())


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    # The top-level comment of the thread (itself for a top-level comment), for paging by thread.
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+", editable=False
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # Where the comment is read: its thread's place, then its own under its shown parent
    # (`comments.reading_order`). A page of comments is one slice of the index on it.
    reading_key = models.CharField(max_length=255, blank=True, editable=False)
    name = models.CharField(_("name"), max_length=80)
    # Blank only once erased at the commenter's request; the form always asks for it.
    email = models.EmailField(_("email"), max_length=254, blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True, validators=[web_url_validator])
    text = models.TextField(_("comment"), max_length=5000)
    text_html = models.TextField(editable=False, blank=True)
    # The comment as the story page shows it, rendered by `comments.rendering` when a
    # moderation function publishes or changes it (never from the email, IP hash or agent).
    html = models.TextField(editable=False, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    held_rule = models.CharField(_("held by rule"), max_length=40, blank=True)
    held_detail = models.CharField(_("held because"), max_length=300, blank=True)
    link_count = models.PositiveSmallIntegerField(_("links"), default=0)
    ip_hash = models.CharField(_("IP hash"), max_length=64, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    is_staff_reply = models.BooleanField(_("newsroom reply"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("status changed by"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "spam", "removed"]),
                name="comment_status_valid",
            )
        ]
        # The moderation queue orders by (-created_at, -id) within a status, optionally
        # narrowed to a held rule, and groups its pending comments by story (on PostgreSQL
        # from the queue index alone); its history columns group by IP hash and by email.
        # Emails are matched ignoring case (`by_email`, iexact), hence the index on UPPER(email).
        indexes = [
            # A page of a story's comments: one slice in reading order, from a cursor.
            models.Index(fields=["story", "status", "reading_key"], name="comment_reading_idx"),
            models.Index(fields=["status", "-created_at", "-id", "story"], name="comment_queue_idx"),
            models.Index(fields=["status", "held_rule", "-created_at", "-id"], name="comment_held_idx"),
            models.Index(fields=["-created_at", "-id"], name="comment_newest_idx"),
            models.Index(fields=["ip_hash", "status"], name="comment_ip_status_idx"),
            # (email again last, so that PostgreSQL can count from the index alone)
            models.Index(Upper("email"), F("status"), F("email"), name="comment_email_status_idx"),
        ]
        permissions = [
            ("view_commenter_email", _("Can see commenters' email addresses")),
            ("moderate_comment", _("Can approve, reject and remove comments")),
        ]

    def __str__(self):
        return f"{self.name}: {self.text[:50]}"

    def save(self, *args, **kwargs):
        self.text_html = text_to_html(self.text)
        if self.parent_id and not self.thread_id:
            self.thread_id = self.parent.thread_id or self.parent_id
            self.depth = self.parent.depth + 1
        super().save(*args, **kwargs)
        if not self.reading_key:
            # The key holds the primary key, known only now.
            self.thread_id = self.thread_id or self.pk
            parent_key = self.parent.reading_key if self.parent_id else ""
            self.reading_key = reading_order.key_of(self.pk, self.created_at, parent_key)
            Comment.objects.filter(pk=self.pk).update(thread_id=self.thread_id, reading_key=self.reading_key)

    def get_absolute_url(self):
        """The permalink: it finds the comment's page of the story's comments."""
        return reverse("comments:permalink", kwargs={"pk": self.pk})


def comments_are_open(story, now=None):
    """Whether readers may comment on `story` now: not withdrawn, not closed by the editor,
    not older than COMMENTS_CLOSE_AFTER_DAYS."""
    if story.status == story.Status.WITHDRAWN or not story.comments_open:
        return False
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    if days and story.published_at:
        return story.published_at > (now or timezone.now()) - timedelta(days=days)
    return True


class BlockedWord(models.Model):
    """A word or phrase matched against a new comment's name, email, website, text and IP."""

    class Action(models.TextChoices):
        HOLD = "hold", _("Hold for moderation")
        SPAM = "spam", _("Mark as spam")

    phrase = models.CharField(
        _("word or phrase"),
        max_length=200,
        help_text=_(
            "Matched anywhere in the name, email, website and text, ignoring case "
            "(“casino” also matches “casinos”). An IP address or its start, such as "
            "“203.0.113.”, matches the commenter's address."
        ),
    )
    action = models.CharField(_("action"), max_length=4, choices=Action, default=Action.HOLD)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "phrase"]
        verbose_name = _("blocked word")
        verbose_name_plural = _("word lists")
        constraints = [
            models.UniqueConstraint(fields=["phrase", "action"], name="unique_blocked_phrase"),
            models.CheckConstraint(condition=Q(action__in=["hold", "spam"]), name="blocked_action_valid"),
        ]

    def __str__(self):
        return f"{self.phrase} ({self.get_action_display()})"


class ModerationRecord(models.Model):
    """One moderation decision on a comment: who, when, from what state to what state.

    Records are only ever added (by `comments.moderation` and the erase command); admin
    shows them read-only and nobody can delete them there. They outlive the comment and the
    moderator's account: the comment's number and the moderator's username are kept.
    """

    class Action(models.TextChoices):
        STATUS = "status", _("Status changed")
        EDITED = "edited", _("Text edited")
        ERASED = "erased", _("Commenter data erased")
        REPLY = "reply", _("Newsroom reply")

    comment = models.ForeignKey(
        Comment,
        null=True,
        on_delete=models.SET_NULL,
        related_name="moderation_records",
        db_index=False,  # served by the (comment, at) index
        verbose_name=_("comment"),
    )
    comment_number = models.BigIntegerField(_("comment number"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # served by the (by, at) index
        verbose_name=_("moderator"),
    )
    by_name = models.CharField(_("moderator"), max_length=150, blank=True)
    at = models.DateTimeField(_("date"), default=timezone.now)
    action = models.CharField(_("action"), max_length=10, choices=Action, default=Action.STATUS)
    from_status = models.CharField(_("old status"), max_length=10, choices=Comment.Status, blank=True)
    to_status = models.CharField(_("new status"), max_length=10, choices=Comment.Status, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("moderation record")
        verbose_name_plural = _("moderation records")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["status", "edited", "erased", "reply"]),
                name="moderation_action_valid",
            )
        ]
        indexes = [
            models.Index(fields=["comment", "at"], name="moderation_comment_idx"),
            models.Index(fields=["-at", "-id"], name="moderation_newest_idx"),
            models.Index(fields=["to_status", "-at"], name="moderation_to_status_idx"),
            models.Index(fields=["by", "-at"], name="moderation_by_idx"),
        ]

    def __str__(self):
        who = self.by_name or "-"
        return f"#{self.comment_number} {self.get_action_display()} ({who}, {self.at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Moderation records are only ever added, never changed.")
        super().save(*args, **kwargs)


# Reply notifications, reports and the block list live in modules of their own; imported here
# so that Django finds them.
from comments.models_readers import ReplySubscription  # noqa: E402, F401
from comments.safety_models import BlockedSender, CommentReport  # noqa: E402, F401
