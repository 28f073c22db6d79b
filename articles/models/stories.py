"""The story: its fields, lifecycle (publish, withdraw, notices) and publishing rules.
Visibility rules live on `StoryQuerySet`; every public page starts there."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from articles.figures import render_figures
from articles.images import make_renditions, store_upload_without_metadata, validate_image
from articles.models.authors import Author
from articles.models.categories import Category
from articles.models.fields import RichTextField, image_upload_to
from articles.models.library import LibraryImage
from articles.models.redirects import StoryRedirect
from articles.models.renderings import StoryRendering
from articles.models.story_queries import StoryQuerySet
from ledger.roundup import item_blocks_publishing
from newsroom.sanitize import clean_html

# What a story needs before it is published; see Story.publishing_checks.
PUBLISHING_RULES = ("headline", "text", "primary_category", "authors", "source_line")


# Story columns written only by their own functions, never by saving a story (the comment
# count belongs to the comments app's moderation functions).
KEPT_BY_OTHERS = {"comment_count"}


def search_document_of(story, items):
    """The plain text a story is found by: its headline, standfirst and body, and its
    round-up items' headlines, text and source lines."""
    parts = [story.headline, story.standfirst, strip_tags(story.body)]
    for item in items:
        parts += [item.headline, strip_tags(item.body), item.source_line]
    return "\n".join(part for part in parts if part)


class Story(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    standfirst = models.TextField(
        _("standfirst"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences under the headline; also the summary in feeds."),
    )
    body = RichTextField(
        _("body"),
        blank=True,
        help_text=_("Rich text. Leave empty when the story is made of round-up items."),
    )
    authors = models.ManyToManyField(
        Author, through="StoryAuthor", related_name="stories", verbose_name=_("authors")
    )
    primary_category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="primary_stories",
        verbose_name=_("primary category"),
    )
    categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="secondary_stories",
        verbose_name=_("secondary categories"),
    )
    tags = TaggableManager(_("tags"), blank=True)
    image = models.ImageField(
        _("featured image"), upload_to=image_upload_to, blank=True, validators=[validate_image]
    )
    image_alt = models.CharField(_("image alt text"), max_length=250, blank=True)
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=150, blank=True)
    image_renditions = models.JSONField(default=list, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A future time schedules the story: it appears from then on."),
    )
    updated_at = models.DateTimeField(
        _("last substantive update"),
        null=True,
        blank=True,
        help_text=_("Set by correction notices; leave alone for typo fixes."),
    )
    comments_open = models.BooleanField(_("comments open"), default=True)
    # Approved comments, kept by the comments app's moderation functions in the same
    # transaction as the change (`manage.py recount_comments` rebuilds it).
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    # Headline, standfirst, body and round-up items as plain text, for search.
    search_document = models.TextField(blank=True, editable=False)
    # The same, weighted and indexed for full-text search on PostgreSQL (unused elsewhere),
    # with a lexeme naming the publication year (articles/search.py).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "review", "published", "withdrawn"]),
                name="story_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_story_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="story_public_idx"),
            models.Index(fields=["primary_category", "status", "-published_at"], name="story_category_idx"),
        ]
        permissions = [("publish_story", _("Can publish and withdraw stories"))]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        if not self.slug:
            self.slug = slugify(self.headline)[:200]
        store_upload_without_metadata(self.image)
        previous_slug = (
            Story.objects.filter(pk=self.pk).values_list("slug", flat=True).first() if self.pk else None
        )
        if not self._state.adding and kwargs.get("update_fields") is None:
            # Columns other writers keep: an editor's form holding an old value must not
            # write it back over theirs.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in KEPT_BY_OTHERS
            ]
        super().save(*args, **kwargs)
        if previous_slug and previous_slug != self.slug:
            self._keep_old_address(previous_slug)
        self._refresh_renditions()
        self.refresh_search_document()
        # After the renditions, which the signals fired by the save above do not see yet.
        StoryRendering.objects.mark_stale([self.pk])

    def get_absolute_url(self):
        return reverse("articles:story", kwargs={"slug": self.slug})

    def _keep_old_address(self, old_slug):
        StoryRedirect.objects.filter(old_slug=self.slug).delete()
        StoryRedirect.objects.update_or_create(old_slug=old_slug, defaults={"story": self})

    def _refresh_renditions(self):
        source = self.image.name if self.image else ""
        made_from = self.image_renditions[0]["source"] if self.image_renditions else ""
        if source != made_from:
            self.image_renditions = make_renditions(self.image) if self.image else []
            Story.objects.filter(pk=self.pk).update(image_renditions=self.image_renditions)

    def refresh_search_document(self):
        """Rebuild the text search reads (`save()` and the round-up items' signals call it)."""
        # A fresh query, not a list prefetched before the items changed.
        self.search_document = search_document_of(self, self.items.order_by("position", "pk"))
        Story.objects.filter(pk=self.pk).update(search_document=self.search_document)
        Story.objects.filter(pk=self.pk).refresh_search_vectors()

    @cached_property
    def library_images(self):
        """{id: LibraryImage} for the figures of its body and round-up items, in one query."""
        items = self.items.all() if self.pk is not None else []
        return LibraryImage.objects.shown_in([self.body, *(item.body for item in items)])

    @property
    def body_html(self):
        """The body as readers see it, its library figures with renditions and credit."""
        return render_figures(self.body, self.library_images)

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def byline_authors(self):
        bylines = getattr(self, "listed_bylines", None)  # prefetched by for_listing/for_detail
        if bylines is None:
            bylines = self.bylines.select_related("author")
        return [byline.author for byline in bylines]

    @property
    def category_path(self):
        return self.primary_category.path_name if self.primary_category else ""

    def publishing_checks(self, *, author_count=None, items=None, only=None):
        """The publishing rules this story breaks, as (rule, message, item) triples: `rule`
        names what is missing ("headline", "text", "primary_category", "authors" or
        "source_line"), `item` is the round-up item a "source_line" problem belongs to.

        The one place the rules live: `publish()` and the admin's form and inlines use it,
        each for the rules (`only`) it answers for. The admin passes the authors and items
        being submitted; otherwise the stored ones count.
        """
        rules = set(only or PUBLISHING_RULES)
        if author_count is None and "authors" in rules:
            author_count = self.authors.count() if self.pk else 0
        if items is None and rules & {"text", "source_line"}:
            items = list(self.items.all()) if self.pk else []
        problems = []
        if "headline" in rules and not self.headline.strip():
            problems.append(("headline", _("A published story needs a headline."), None))
        if "text" in rules and not self.body.strip() and not items:
            problems.append(
                ("text", _("A published story needs a body or at least one round-up item."), None)
            )
        if "primary_category" in rules and self.primary_category_id is None:
            problems.append(("primary_category", _("A published story needs a primary category."), None))
        if "authors" in rules and author_count < 1:
            problems.append(("authors", _("A published story needs at least one author."), None))
        for item in items if "source_line" in rules else []:
            if item_blocks_publishing(item):
                message = _("Round-up item “%(headline)s” needs a source line.") % {"headline": item.headline}
                problems.append(("source_line", message, item))
        return problems

    def publishing_problems(self, *, author_count=None, items=None):
        """Why this story cannot be published yet, as messages for the editor."""
        return [
            message
            for _rule, message, _item in self.publishing_checks(author_count=author_count, items=items)
        ]

    def publish(self, when=None):
        """Publish now, or at `when` (a future time schedules it). Raises ValidationError."""
        problems = self.publishing_problems()
        if problems:
            raise ValidationError(problems)
        self.status = self.Status.PUBLISHED
        self.published_at = when or self.published_at or timezone.now()
        self.save()

    def withdraw(self):
        self.status = self.Status.WITHDRAWN
        self.comments_open = False
        self.save()

    def add_notice(self, kind, text, at=None):
        """Append a correction notice; it moves the story's "updated" time."""
        notice = self.corrections.create(kind=kind, text=text, created_at=at or timezone.now())
        self.mark_updated(notice.created_at)
        return notice

    def mark_updated(self, when):
        if self.updated_at is None or when > self.updated_at:
            self.updated_at = when
            Story.objects.filter(pk=self.pk).update(updated_at=when, modified_at=timezone.now())
            StoryRendering.objects.mark_stale([self.pk])
