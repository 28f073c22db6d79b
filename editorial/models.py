"""The editor's desk: what a story said at each save, changes waiting to go live, and
links that let someone without an account read an unpublished story."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Story


class StoryRevisionQuerySet(models.QuerySet):
    def record(self, story, by, note=""):
        """Keep the story as it is stored now; any pending draft is replaced by it."""
        from editorial.snapshots import snapshot_of

        self.filter(story=story).pending().update(state=StoryRevision.State.SUPERSEDED)
        return self.create(story=story, data=snapshot_of(story), created_by=by, note=note or "")

    def keep_baseline(self, story_id):
        """Before the first save that keeps revisions, keep the story as it was (stories made
        by the demo loader, imports or the shell have none)."""
        if not self.filter(story_id=story_id).exists():
            self.record(Story.objects.get(pk=story_id), None, _("As it was before revisions were kept"))

    def record_pending(self, story, by, data, note=""):
        """Keep `data` as the story's unpublished change, in place of any earlier one."""
        self.filter(story=story).pending().update(state=StoryRevision.State.SUPERSEDED)
        return self.create(
            story=story, data=data, created_by=by, note=note or "", state=StoryRevision.State.PENDING
        )

    def for_story(self, story):
        return self.filter(story=story).order_by("-created_at", "-pk")

    def pending(self):
        return self.filter(state=StoryRevision.State.PENDING)

    def latest_id_for(self, story_id):
        """The newest revision's id, the version an editor's form was opened on (0: none)."""
        return (
            self.filter(story_id=story_id)
            .exclude(state=StoryRevision.State.CONFLICTED)
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first()
            or 0
        )


class StoryRevision(models.Model):
    """One save of a story: its fields, items, sources, bylines, categories and tags as a
    JSON snapshot (see `editorial.snapshots`). Comments are never part of it."""

    class State(models.TextChoices):
        SAVED = "saved", _("Saved to the story")
        PENDING = "pending", _("Unpublished change")
        SUPERSEDED = "superseded", _("Earlier draft")
        CONFLICTED = "conflicted", _("Refused in an edit conflict")

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="revisions")
    state = models.CharField(_("state"), max_length=12, choices=State, default=State.SAVED)
    data = models.JSONField(_("content"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    objects = StoryRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("story revision")
        verbose_name_plural = _("story revisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["saved", "pending", "superseded", "conflicted"]),
                name="revision_state_valid",
            ),
            models.UniqueConstraint(
                fields=["story"], condition=Q(state="pending"), name="one_pending_change_per_story"
            ),
        ]
        indexes = [models.Index(fields=["story", "-created_at"], name="revision_story_time_idx")]

    def __str__(self):
        return f"{self.data.get('headline', '')} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def headline(self):
        return self.data.get("headline", "")


def new_share_token():
    return secrets.token_urlsafe(24)


class ShareLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ShareLink(models.Model):
    """A link to an unpublished story, or to a live story's unpublished change, for someone
    without an account. The address carries a signed token; the row lets it be revoked."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="share_links")
    key = models.CharField(max_length=64, unique=True, default=new_share_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self):
        return f"{self.story} ({self.expires_at:%Y-%m-%d %H:%M})"

    def is_usable(self, now=None):
        return self.revoked_at is None and self.expires_at > (now or timezone.now())

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
