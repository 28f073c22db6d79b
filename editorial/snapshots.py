"""A story as one JSON document: its fields, bylines, categories, tags, round-up items and
cited sources. Revisions store it, drafts of live stories are it, previews and share
links render it, and the compare page diffs two of them. Comments are never part of it.

Items and sources keep their ids, so that a draft or a restored revision edits the same
rows; a new item has no id until it is saved to the story.
"""

import datetime

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Author, Category, Correction, RoundupItem, Source, Story, StoryAuthor
from newsroom.sanitize import clean_html

STORY_FIELDS = (
    "headline", "slug", "standfirst", "body", "status", "published_at", "comments_open",
    "image_alt", "image_caption", "image_credit",
)  # fmt: skip
ITEM_FIELDS = ("position", "headline", "anchor", "body", "source_line")
SOURCE_FIELDS = ("position", "title", "outlet", "url", "language", "published_on", "accessed_on")


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _story_fields(story):
    data = {name: _plain(getattr(story, name)) for name in STORY_FIELDS}
    data["body"] = clean_html(data["body"])
    data["primary_category"] = story.primary_category_id
    data["image"] = story.image.name if story.image else ""
    return data


def _item(item):
    return {
        "id": item.pk,
        **{name: getattr(item, name) for name in ITEM_FIELDS},
        "body": clean_html(item.body),
    }


def _source(source):
    return {"id": source.pk, "item": source.item_id, **{n: _plain(getattr(source, n)) for n in SOURCE_FIELDS}}


def snapshot_of(story):
    """The story as it is stored now."""
    return {
        **_story_fields(story),
        "categories": sorted(story.categories.values_list("pk", flat=True)),
        "tags": sorted(story.tags.values_list("name", flat=True)),
        "bylines": list(story.bylines.order_by("position", "pk").values_list("author_id", flat=True)),
        "items": [_item(item) for item in story.items.all()],
        "sources": [_source(source) for source in story.sources.all()],
    }


def _kept_forms(formset):
    """The inline forms that would be saved: filled in or existing, and not deleted."""
    kept = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE") or not (form.has_changed() or form.instance.pk):
            continue
        kept.append(form)
    return kept


def snapshot_from_forms(form, formsets):
    """The story as the admin's form and inline formsets would save it, without saving.

    Used for previews, drafts of live stories and the text refused in an edit conflict.
    """
    story = form.instance
    cleaned = form.cleaned_data
    data = _story_fields(story)
    data["categories"] = sorted(c.pk for c in cleaned.get("categories") or [])
    data["tags"] = sorted(t.name for t in cleaned.get("tags") or [])
    by_model = {formset.model: _kept_forms(formset) for formset in formsets}
    bylines = sorted(by_model.get(StoryAuthor, []), key=lambda f: f.cleaned_data.get("position") or 0)
    data["bylines"] = [f.cleaned_data["author"].pk for f in bylines if f.cleaned_data.get("author")]
    items = sorted(by_model.get(RoundupItem, []), key=lambda f: f.cleaned_data.get("position") or 0)
    data["items"] = [_item(f.instance) for f in items]
    sources = sorted(by_model.get(Source, []), key=lambda f: f.cleaned_data.get("position") or 0)
    data["sources"] = [_source(f.instance) for f in sources]
    data["new_notices"] = [
        {"kind": f.cleaned_data["kind"], "text": f.cleaned_data["text"]}
        for f in by_model.get(Correction, [])
        if not f.instance.pk
    ]
    return data


def _datetime(value):
    return parse_datetime(value) if value else None


def _date(value):
    return parse_date(value) if value else None


def story_from_snapshot(data, story=None):
    """An unsaved Story that renders like `data` on the public story page.

    Its related lists are set as if prefetched, so templates read them without a query.
    `story` is the stored story the snapshot belongs to, if any (its notices are shown).
    """
    fields = {name: data.get(name) for name in STORY_FIELDS}
    fields["published_at"] = _datetime(fields["published_at"])
    # A placeholder id for a story not saved yet: related lists below are all prefetched.
    shown = Story(pk=story.pk if story else 0, image=data.get("image") or "", **fields)
    shown.primary_category = (
        Category.objects.select_related("parent__parent__parent")
        .filter(pk=data.get("primary_category"))
        .first()
    )
    shown.updated_at = story.updated_at if story else None
    shown.image_renditions = data.get("image_renditions") or (
        story.image_renditions if story and story.image.name == shown.image.name else []
    )
    shown.comment_count = 0
    authors = Author.objects.in_bulk(data.get("bylines", []))
    shown.listed_bylines = [
        StoryAuthor(author=authors[pk], position=n)
        for n, pk in enumerate(data.get("bylines", []))
        if pk in authors
    ]
    items = [_unsaved_item(shown, n, item) for n, item in enumerate(data.get("items", []))]
    notices = list(story.corrections.all()) if story else []
    notices += [Correction(story=shown, **notice) for notice in data.get("new_notices", [])]
    shown._prefetched_objects_cache = {
        "items": items,
        "sources": [_unsaved_source(shown, source) for source in data.get("sources", [])],
        "corrections": notices,
        "tags": _tags(data.get("tags", [])),
        "categories": list(Category.objects.filter(pk__in=data.get("categories", []))),
    }
    return shown


def _unsaved_item(story, n, item):
    fields = {name: item.get(name) for name in ITEM_FIELDS}
    fields["anchor"] = fields["anchor"] or slugify(fields["headline"])[:70] or f"item-{n + 1}"
    return RoundupItem(pk=item.get("id"), story=story, **fields)


def _unsaved_source(story, source):
    fields = {name: source.get(name) for name in SOURCE_FIELDS}
    fields["published_on"] = _date(fields["published_on"])
    fields["accessed_on"] = _date(fields["accessed_on"])
    return Source(pk=source.get("id"), story=story, item_id=source.get("item"), **fields)


def _tags(names):
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    return [existing.get(name) or Tag(name=name, slug=slugify(name)) for name in names]


def apply_to_instance(story, data):
    """Set `data`'s own fields on `story` in memory (the admin form then shows them)."""
    for name in STORY_FIELDS:
        value = data.get(name)
        setattr(story, name, _datetime(value) if name == "published_at" else value)
    story.primary_category_id = data.get("primary_category")
    story.image = data.get("image") or ""
    return story


def inline_form_data(formset, rows, live_rows):
    """POST-like data that makes `formset` (an admin inline formset class bound to a story)
    show `rows`: kept rows first, rows the change deletes (ticked for deletion), then new ones.
    """
    prefix = formset.get_default_prefix()
    fields = [name for name in formset.form.base_fields if name not in ("id", "DELETE")]
    live_ids = {row["id"] for row in live_rows}
    kept = [row for row in rows if row.get("id") in live_ids]
    kept_ids = {row["id"] for row in kept}
    deleted = [dict(row, DELETE="on") for row in live_rows if row["id"] not in kept_ids]
    new = [dict(row, id="") for row in rows if row.get("id") not in live_ids]
    ordered = kept + deleted + new
    out = {
        f"{prefix}-TOTAL_FORMS": str(len(ordered)),
        f"{prefix}-INITIAL_FORMS": str(len(kept) + len(deleted)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(ordered):
        for name in [*fields, "id", "DELETE"]:
            value = row.get(name)
            if value is not None and value is not False and value != "":
                out[f"{prefix}-{n}-{name}"] = str(value)
    return out


def live_inline_rows(story, model):
    """The stored rows of `story` for an inline of `model`, shaped like `draft_inline_rows`."""
    if model is StoryAuthor:
        return [{"id": b.pk, "author": b.author_id, "position": b.position} for b in story.bylines.all()]
    if model is RoundupItem:
        return [_item(item) for item in story.items.all()]
    if model is Source:
        return [_source(source) for source in story.sources.all()]
    if model is Correction:
        return [{"id": pk} for pk in story.corrections.values_list("pk", flat=True)]
    return []


def draft_inline_rows(data, model, live_rows):
    """The snapshot's rows for an inline of `model`; bylines and notices matched to stored rows."""
    if model is StoryAuthor:
        byline_ids = {row["author"]: row["id"] for row in live_rows}
        return [
            {"id": byline_ids.get(pk), "author": pk, "position": n} for n, pk in enumerate(data["bylines"])
        ]
    if model is RoundupItem:
        return data.get("items", [])
    if model is Source:
        return data.get("sources", [])
    if model is Correction:
        return live_rows + data.get("new_notices", [])
    return []
