"""The newsroom's content: categories, authors, stories, round-up items, cited sources,
corrections. Visibility rules live on `StoryQuerySet`; every public page starts there."""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import RegexValidator
from django.db import connections, models, transaction
from django.db.models import ProtectedError, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from articles.figures import library_image_ids, render_figures
from articles.images import make_renditions, store_upload_without_metadata, validate_image
from newsroom import rich_text
from newsroom.sanitize import clean_html

PATH_SEPARATOR = " · "
# What a story needs before it is published; see Story.publishing_checks.
PUBLISHING_RULES = ("headline", "text", "primary_category", "authors", "source_line")


def image_upload_to(instance, filename):
    """Stored names are generated; the uploaded file's name is never used."""
    return f"images/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1].lower()}"


class RichTextField(ProseEditorField):
    """A text column of clean HTML, written with the rich-text editor in admin.

    `clean_html` runs in the form (so previews built from a form's data are clean), in model
    validation, and in the models' `save()`. Migrations see a plain TextField.
    """

    def __init__(self, *args, extensions=rich_text.BODY, **kwargs):
        super().__init__(*args, extensions=extensions, sanitize=clean_html, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"sanitize": self.sanitize, **kwargs})


def children_by_parent(pairs):
    """{parent id: [child ids]} from (category id, parent id) pairs."""
    children = {}
    for pk, parent_id in pairs:
        children.setdefault(parent_id, []).append(pk)
    return children


def subtree_ids(children, root_id):
    """`root_id` and every category below it, at any depth, from `children_by_parent`."""
    found, todo = [], [root_id]
    while todo:
        pk = todo.pop()
        found.append(pk)
        todo.extend(children.get(pk, []))
    return found


class CategoryQuerySet(models.QuerySet):
    def descendant_ids(self, category):
        """Ids of `category` and every category below it, at any depth, in one query."""
        return subtree_ids(children_by_parent(self.values_list("pk", "parent_id")), category.pk)

    def top_level(self):
        return self.filter(parent__isnull=True)


class Category(models.Model):
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="category_not_own_parent")
        ]

    def __str__(self):
        return self.path_name

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    def clean(self):
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A category cannot sit under itself.")})
            node = node.parent

    def ancestors(self):
        """Categories from the top of the tree down to this one (included)."""
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    @property
    def path_name(self):
        return PATH_SEPARATOR.join(c.name for c in self.ancestors())


class Author(models.Model):
    name = models.CharField(_("display name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    # Room for the markup around a thousand characters of text.
    bio = RichTextField(_("short bio"), blank=True, max_length=1500, extensions=rich_text.SHORT_TEXT)
    photo = models.ImageField(_("photo"), upload_to=image_upload_to, blank=True, validators=[validate_image])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        verbose_name=_("user account"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.bio = clean_html(rich_text.from_plain_text(self.bio))
        store_upload_without_metadata(self.photo)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


# Large columns a story card never shows.
LISTING_SKIPS = ("body", "search_document", "search_vector")


def _bylines():
    # Into a list (`to_attr`): Django then builds no queryset per story for them, which
    # counts on listings and feeds.
    return models.Prefetch(
        "bylines", queryset=StoryAuthor.objects.select_related("author"), to_attr="listed_bylines"
    )


class StoryQuerySet(models.QuerySet):
    def published(self, now=None):
        """Stories the public may see: published, and their publication time has come."""
        return self.filter(status=Story.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def in_category(self, category):
        """Stories whose primary or secondary category is `category` or below it."""
        ids = Category.objects.descendant_ids(category)
        matching = Story.objects.filter(Q(primary_category__in=ids) | Q(categories__in=ids)).values("pk")
        return self.filter(pk__in=matching)

    def by_author(self, author):
        return self.filter(authors=author)

    def tagged(self, tag):
        return self.filter(tags=tag)

    def latest_first(self):
        return self.order_by("-published_at", "-pk")

    def refresh_search_vectors(self):
        """Recompute the indexed search vectors from the search documents (PostgreSQL)."""
        if connections[self.db].vendor != "postgresql":
            return 0
        from articles.search import DOCUMENT_VECTOR

        return self.update(search_vector=DOCUMENT_VECTOR)

    def editable_by(self, user):
        """Stories `user` may open in admin: all for editors, their own for contributors."""
        if user.has_perm("articles.publish_story"):
            return self
        return self.filter(Q(created_by=user) | Q(authors__user=user)).distinct()

    def for_listing(self):
        """Everything a story card shows, in a fixed number of queries; not the body."""
        return (
            self.defer(*LISTING_SKIPS)
            .select_related("primary_category__parent")
            .prefetch_related(_bylines())
        )

    def for_detail(self):
        """Everything the story page shows, in a fixed number of queries."""
        return (
            self.select_related("primary_category__parent__parent__parent")
            .prefetch_related(
                _bylines(),
                "items",
                "sources",
                "corrections",
                "tags",
            )
        )

    def related_to(self, story, candidates=60):
        """Other stories sharing a tag or the primary category, most shared tags first.

        Only the `candidates` most recent matches are ranked, so the cost does not grow with
        the archive.
        """
        tag_ids = [tag.pk for tag in story.tags.all()]
        recent = (
            self.exclude(pk=story.pk)
            .filter(Q(tags__in=tag_ids) | Q(primary_category=story.primary_category_id))
            .order_by("-published_at")
            .values_list("pk", flat=True)[: candidates * 3]
        )
        candidate_ids = list(dict.fromkeys(recent))[:candidates]
        return (
            self.filter(pk__in=candidate_ids)
            .annotate(shared_tags=models.Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
            .order_by("-shared_tags", "-published_at")
            .for_listing()
        )

    def grouped_by_section(self, per_section=4):
        """Top-level categories, each with its `latest_stories` from anywhere in its tree.

        The category tree, then the ids of each section's latest stories (an index range per
        section, whatever the size of the archive), then their cards in one query.
        """
        categories = list(Category.objects.all())
        sections = sorted((c for c in categories if c.parent_id is None), key=lambda c: (c.position, c.name))
        children = children_by_parent((c.pk, c.parent_id) for c in categories)
        chosen = {
            section.pk: list(
                self.filter(primary_category__in=subtree_ids(children, section.pk))
                .latest_first()
                .values_list("pk", flat=True)[:per_section]
            )
            for section in sections
        }
        cards = (
            self.model.objects.filter(pk__in=[pk for ids in chosen.values() for pk in ids])
            .for_listing()
            .in_bulk()
        )
        for section in sections:
            section.latest_stories = [cards[pk] for pk in chosen[section.pk] if pk in cards]
        return [section for section in sections if section.latest_stories]


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
    # The same, weighted and indexed for full-text search on PostgreSQL (unused elsewhere).
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
        super().save(*args, **kwargs)
        if previous_slug and previous_slug != self.slug:
            self._keep_old_address(previous_slug)
        self._refresh_renditions()

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
        """Rebuild the text search reads; call after the story's items change."""
        parts = [self.headline, self.standfirst, strip_tags(self.body)]
        for item in self.items.all():
            parts += [item.headline, strip_tags(item.body), item.source_line]
        self.search_document = "\n".join(p for p in parts if p)
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
            if not item.source_line.strip():
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
        notice = Correction.objects.create(story=self, kind=kind, text=text, created_at=at or timezone.now())
        self.mark_updated(notice.created_at)
        return notice

    def mark_updated(self, when):
        if self.updated_at is None or when > self.updated_at:
            self.updated_at = when
            Story.objects.filter(pk=self.pk).update(updated_at=when, modified_at=timezone.now())


class StoryAuthor(models.Model):
    """A byline: which author, in which position."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("author")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [models.UniqueConstraint(fields=["story", "author"], name="one_byline_per_author")]

    def __str__(self):
        return str(self.author)


class RoundupItem(models.Model):
    """One short story inside a round-up, with its own sub-headline and source line."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    headline = models.CharField(_("sub-headline"), max_length=200)
    anchor = models.SlugField(
        _("anchor"),
        max_length=80,
        blank=True,
        help_text=_("The item's address on the story page; kept when the sub-headline changes."),
    )
    body = RichTextField(_("body"))
    source_line = models.CharField(
        _("source line"),
        max_length=300,
        blank=True,
        help_text=_("Who reported it, e.g. “U.S. Embassy in China”. Separate several with “;”."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("round-up item")
        verbose_name_plural = _("round-up items")
        constraints = [models.UniqueConstraint(fields=["story", "anchor"], name="unique_item_anchor")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        if not self.anchor:
            self.anchor = self._free_anchor()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.story.get_absolute_url()}#{self.anchor}"

    @property
    def body_html(self):
        """The body as readers see it; its story loads the page's library images at once."""
        return render_figures(self.body, self.story.library_images)

    def _free_anchor(self):
        base = slugify(self.headline)[:70] or "item"
        taken = set(
            RoundupItem.objects.filter(story_id=self.story_id)
            .exclude(pk=self.pk)
            .values_list("anchor", flat=True)
        )
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        return anchor

    @property
    def sources(self):
        return [s.strip() for s in self.source_line.split(";") if s.strip()]


language_code_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", _("Use an ISO 639 language code such as “en” or “es”.")
)


class Source(models.Model):
    """A work the story relies on: a press release, an article, a report."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="sources")
    item = models.ForeignKey(
        RoundupItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_sources",
        verbose_name=_("round-up item"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title of the work"), max_length=300)
    outlet = models.CharField(_("outlet or publisher"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    language = models.CharField(
        _("language"), max_length=16, default="en", validators=[language_code_validator]
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    accessed_on = models.DateField(_("access date"), null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("cited source")
        verbose_name_plural = _("cited sources")

    def __str__(self):
        return f"“{self.title}” {self.outlet}"

    def clean(self):
        if self.item_id and self.item.story_id != self.story_id:
            raise ValidationError({"item": _("Choose a round-up item of this story.")})


class CorrectionQuerySet(models.QuerySet):
    def public(self, now=None):
        """Notices of stories the public may see."""
        return self.filter(story__in=Story.objects.published(now).values("pk"))

    def for_register(self):
        """What the corrections register shows of each notice, newest first."""
        return self.select_related("story").order_by("-created_at", "-pk")


class Correction(models.Model):
    """A notice shown on the story. Live notices are only ever added to, never changed."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        UPDATE = "update", _("Update")

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind, default=Kind.CORRECTION)
    text = RichTextField(_("text"), max_length=3000, extensions=rich_text.SHORT_TEXT)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    # "Show the change": readers may see what the text said before and after (revisions of
    # the editor's desk, chosen when the notice is added).
    change_before = models.ForeignKey(
        "editorial.StoryRevision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("text before the change"),
    )
    change_after = models.ForeignKey(
        "editorial.StoryRevision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("text after the change"),
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("correction notice")
        verbose_name_plural = _("correction notices")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["correction", "clarification", "update"]),
                name="correction_kind_valid",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {strip_tags(self.text)[:60]}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("A correction notice cannot be changed once it is live; add a new one."))
        self.text = clean_html(rich_text.from_plain_text(self.text))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.story.get_absolute_url()}#notice-{self.pk}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A correction notice cannot be deleted once it is live."))

    def clean(self):
        before, after = self.change_before, self.change_after
        if (before is None) != (after is None):
            raise ValidationError(_("To show the change, choose the text before it and the text after it."))
        if before is None:
            return
        if {before.story_id, after.story_id} != {self.story_id or before.story_id}:
            raise ValidationError(_("Choose two revisions of this story."))
        if before.created_at >= after.created_at:
            raise ValidationError(
                {"change_after": _("The text after the change must be newer than the text before.")}
            )

    @property
    def shows_change(self):
        return self.change_before_id is not None and self.change_after_id is not None

    @property
    def inline_html(self):
        """The text to follow "Correction, date:" on one line: a single paragraph unwrapped."""
        text = self.text.strip()
        inner = text[3:-4]
        if text.startswith("<p>") and text.endswith("</p>") and "<p>" not in inner:
            return inner
        return text


class StoryRedirect(models.Model):
    """An old slug of a story, so that links made before a rename keep working."""

    old_slug = models.SlugField(max_length=200, unique=True)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.story.slug}"


def delete_stored_files(names):
    for name in names:
        default_storage.delete(name)


class LibraryImageQuerySet(models.QuerySet):
    def search(self, query):
        """Images whose alt text, caption or credit hold every word of `query`."""
        images = self
        for word in query.split()[:10]:
            images = images.filter(
                Q(alt_text__icontains=word) | Q(caption__icontains=word) | Q(credit__icontains=word)
            )
        return images

    def shown_in(self, bodies):
        """{id: image} for the figures of the rich-text `bodies`: one query, none without figures."""
        ids = set().union(*(library_image_ids(html) for html in bodies))
        return self.in_bulk(ids) if ids else {}

    def delete(self):
        """Refused while any of them is in a story; their files go once the rows are gone."""
        images = list(self)
        for image in images:
            image.refuse_if_used()
        names = [name for image in images for name in image.stored_names()]
        deleted = super().delete()
        transaction.on_commit(lambda: delete_stored_files(names), using=self.db)
        return deleted


class LibraryImage(models.Model):
    """A picture editors place in story text: stored without metadata, with the same WebP
    renditions as a featured image, and the words that go with it wherever it is shown."""

    file = models.ImageField(_("image"), upload_to=image_upload_to, validators=[validate_image])
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=150, blank=True)
    renditions = models.JSONField(default=list, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = LibraryImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("library image")
        verbose_name_plural = _("image library")

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        replaced = self._replaced_files()
        store_upload_without_metadata(self.file)
        super().save(*args, **kwargs)
        if replaced:
            transaction.on_commit(lambda: delete_stored_files(replaced), using=kwargs.get("using"))
        self._refresh_renditions()

    def delete(self, *args, **kwargs):
        self.refuse_if_used()
        names = self.stored_names()
        deleted = super().delete(*args, **kwargs)
        transaction.on_commit(lambda: delete_stored_files(names), using=kwargs.get("using"))
        return deleted

    def _replaced_files(self):
        """The stored files a fresh upload replaces, to remove after the save."""
        if self.pk is None or not self.file or self.file._committed:
            return []
        before = LibraryImage.objects.filter(pk=self.pk).first()
        return before.stored_names() if before else []

    def _refresh_renditions(self):
        made_from = self.renditions[0]["source"] if self.renditions else ""
        if self.file.name != made_from:
            self.renditions = make_renditions(self.file)
            LibraryImage.objects.filter(pk=self.pk).update(renditions=self.renditions)

    def stored_names(self):
        return [name for name in [self.file.name, *(r["name"] for r in self.renditions)] if name]

    def stories_using(self):
        """Stories whose body or round-up items show it, whatever their status."""
        marker = f'data-image="{self.pk}"'
        return Story.objects.filter(Q(body__contains=marker) | Q(items__body__contains=marker)).distinct()

    def refuse_if_used(self):
        stories = list(self.stories_using()[:5])
        if stories:
            raise ProtectedError(self.in_use_message(stories), set(stories))

    def in_use_message(self, stories):
        names = ", ".join(f"“{story.headline}”" for story in stories)
        return ngettext(
            "“%(image)s” is in the story %(stories)s. Take it out of the story before deleting it.",
            "“%(image)s” is in the stories %(stories)s. Take it out of them before deleting it.",
            len(stories),
        ) % {"image": self, "stories": names}

    @property
    def preview(self):
        """The rendition the admin shows (about 480 pixels wide)."""
        return self.renditions[0] if self.renditions else None
