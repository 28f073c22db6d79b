"""Related stories are ranked when stories change, not on every story page.

A story's related stories are other stories with status "published" that share a tag or its
primary category: among the `CANDIDATES` most recent, most shared tags first, then newest.
The first `KEEP` are stored in order (`RelatedStory`); the story page shows the first four
of them that are public at that moment (`StoryQuerySet.related_cards`), so a scheduled story
appears when it comes due and a withdrawn one is gone even before the lists are ranked again.

A story's list is ranked again when its status, time, category or tags change, and so are
the lists of the stories that point at it or that it now points at (signals.py). Other lists
it would now enter (an older story whose eighth is weaker) get it at their own next change,
or from `refresh_all()`, which ranks every list at once (`manage.py refresh_related`).
"""

import heapq
from itertools import groupby, islice

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from taggit.models import TaggedItem

from articles.models import RelatedStory, Story

CANDIDATES = 60
KEEP = 8


def _ranked(tag_ids, candidates, tags_of, keep=KEEP):
    """Ids of `candidates` ((pk, published_at) pairs) by tags shared with `tag_ids`, then
    newest first; `tags_of(pk)` is a candidate's set of tag ids."""
    shared = {pk: len(tag_ids & tags_of(pk)) for pk, _ in candidates}
    order = sorted(candidates, key=lambda c: (shared[c[0]], c[1], c[0]), reverse=True)
    return [pk for pk, _ in order[:keep]]


def _tags_of(story_ids, tag_ids=None):
    """{story id: set of tag ids} for `story_ids` (only `tag_ids`, if given): one query."""
    links = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Story), object_id__in=story_ids
    )
    if tag_ids is not None:
        links = links.filter(tag_id__in=tag_ids)
    tags = {}
    for pk, tag_id in links.values_list("object_id", "tag_id"):
        tags.setdefault(pk, set()).add(tag_id)
    return tags


def rank_for(story, keep=KEEP, tag_ids=None):
    """The ids of `story`'s related stories, best first (three queries; two when its
    `tag_ids` are given)."""
    if tag_ids is None:
        tag_ids = set(story.tags.values_list("pk", flat=True))
    matches = Q(tags__in=tag_ids)
    if story.primary_category_id is not None:
        matches |= Q(primary_category=story.primary_category_id)
    rows = (
        Story.objects.filter(matches, status=Story.Status.PUBLISHED)
        .exclude(pk=story.pk)
        .order_by("-published_at", "-pk")
        .values_list("pk", "published_at")[: CANDIDATES * 3]
    )
    candidates = list(dict.fromkeys(rows))[:CANDIDATES]
    tags = _tags_of([pk for pk, _ in candidates], tag_ids)
    return _ranked(tag_ids, candidates, lambda pk: tags.get(pk, set()), keep)


def store(ranked):
    """Replace the stored lists of the stories in `ranked` ({story id: related ids})."""
    RelatedStory.objects.filter(story_id__in=list(ranked)).delete()
    RelatedStory.objects.bulk_create(
        RelatedStory(story_id=pk, related_id=other, position=n)
        for pk, ids in ranked.items()
        for n, other in enumerate(ids)
    )


def pointing_at(story_id):
    return set(RelatedStory.objects.filter(related_id=story_id).values_list("story_id", flat=True))


@transaction.atomic
def refresh_around(story, *, neighbours=True):
    """Rank `story`'s list again and, with `neighbours`, the lists of the stories that point
    at it or that it now points at, since its place in theirs may have changed."""
    ids = rank_for(story)
    store({story.pk: ids})
    if neighbours:
        refresh_ids((pointing_at(story.pk) | set(ids)) - {story.pk})


def refresh_ids(ids):
    """Rank the lists of the stories `ids` again: two queries each, and four in all."""
    stories = list(Story.objects.filter(pk__in=ids).only("pk", "primary_category_id"))
    tags = _tags_of([story.pk for story in stories])
    store({story.pk: rank_for(story, tag_ids=tags.get(story.pk, set())) for story in stories})


def rank_all(stories, tag_links, keep=KEEP):
    """{story id: related ids} for every story, from plain data, in memory: `stories` holds
    (pk, primary category id, published_at, is candidate) rows, `tag_links` (story id, tag id)
    pairs. The same ranking as `rank_for`, for the whole archive at once."""
    tags, rows = {}, list(stories)
    for pk, tag_id in tag_links:
        tags.setdefault(pk, set()).add(tag_id)
    groups = {}  # ("tag", id) or ("category", id): candidates, newest first
    for pk, category_id, published_at, is_candidate in rows:
        if not is_candidate:
            continue
        keys = [("tag", tag_id) for tag_id in tags.get(pk, ())]
        if category_id is not None:
            keys.append(("category", category_id))
        for key in keys:
            groups.setdefault(key, []).append((published_at, pk))
    for members in groups.values():
        members.sort(reverse=True)
    ranked = {}
    for pk, category_id, _published_at, _ in rows:
        own = tags.get(pk, set())
        keys = [("tag", tag_id) for tag_id in own] + [("category", category_id)]
        merged = heapq.merge(*(groups.get(key, []) for key in keys), reverse=True)
        # A story in several of the groups comes out of the merge several times in a row.
        newest = (c for c, _ in groupby((other, when) for when, other in merged) if c[0] != pk)
        candidates = list(islice(newest, CANDIDATES))
        ranked[pk] = _ranked(own, candidates, lambda other: tags.get(other, set()), keep)
    return ranked


def story_rows(story_model, published):
    """(pk, primary category id, published_at, is candidate) rows for `rank_all`."""
    return [
        (pk, category_id, when, status == published)
        for pk, category_id, when, status in story_model.objects.values_list(
            "pk", "primary_category_id", "published_at", "status"
        ).iterator(chunk_size=5000)
    ]


def refresh_all(batch_size=5000):
    """Rank and store every story's list: a few queries and one pass in memory."""
    content_type = ContentType.objects.get_for_model(Story)
    links = TaggedItem.objects.filter(content_type=content_type).values_list("object_id", "tag_id")
    ranked = rank_all(story_rows(Story, Story.Status.PUBLISHED), links.iterator(chunk_size=5000))
    with transaction.atomic():
        RelatedStory.objects.all().delete()
        RelatedStory.objects.bulk_create(
            (
                RelatedStory(story_id=pk, related_id=other, position=n)
                for pk, ids in ranked.items()
                for n, other in enumerate(ids)
            ),
            batch_size=batch_size,
        )
    return len(ranked)
