"""What the public pages ask of stories: visibility, listings, the story page, sections."""

from django.db import connections, models
from django.db.models import Q
from django.utils import timezone

from articles.models.authors import StoryAuthor
from articles.models.categories import Category, children_by_parent, subtree_ids

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
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def in_category(self, category):
        """Stories whose primary or secondary category is `category` or below it."""
        ids = Category.objects.descendant_ids(category)
        matching = self.model.objects.filter(Q(primary_category__in=ids) | Q(categories__in=ids)).values("pk")
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
            self.defer(*LISTING_SKIPS).select_related("primary_category__parent").prefetch_related(_bylines())
        )

    def for_detail(self):
        """Everything the story page shows, in a fixed number of queries."""
        return self.select_related("primary_category__parent__parent__parent").prefetch_related(
            _bylines(),
            "items",
            "sources",
            "corrections",
            "tags",
        )

    def with_rendering(self):
        """The story page's row: the story without its text, and its stored article
        (articles/story_rendering.py)."""
        return self.defer(*LISTING_SKIPS).select_related("rendering")

    def related_to(self, story, candidates=60):
        """Other stories sharing a tag or the primary category, most shared tags first, ranked
        now: for previews of unsaved text. Saved stories keep theirs ranked (`related_cards`).

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

    def related_cards(self, story, count=4):
        """The first `count` of `story`'s stored related stories (articles/related.py) that
        are in this queryset, in their ranked order, as cards: one query and the cards'."""
        return self.filter(related_from__story=story).order_by("related_from__position").for_listing()[:count]

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
