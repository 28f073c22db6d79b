"""Any write to public content makes cached pages stale at once, a story's change of
status, time, category or tags ranks the related stories around it again, and a round-up
item's change rebuilds its story's search document.

Receivers rather than direct calls, on purpose: admin inlines, actions, the demo loader
and the shell all write these models, and no path may be forgotten.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag, TaggedItem

from articles import models, related
from newsroom.caching import bump_site_version

CONTENT_MODELS = [
    models.Story, models.Category, models.Author, models.StoryAuthor, models.RoundupItem,
    models.Source, models.Correction, models.StoryRedirect, models.LibraryImage, Tag, TaggedItem,
]  # fmt: skip


def content_changed(sender, using=None, **kwargs):
    bump_site_version()
    # Until the commit, other connections still read the old rows: a page, or the schedule
    # of the next publication time, computed meanwhile would be kept under the new version.
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(bump_site_version, using=using)


def article_inputs_changed(sender, instance, raw=False, **kwargs):
    """The stored articles that show `instance` are stale (articles/story_rendering.py)."""
    if raw:
        return
    shown_in = stories_showing(instance)
    if shown_in is not None:
        models.StoryRendering.objects.mark_stale(shown_in)
    else:
        models.StoryRendering.objects.mark_stale()


def stories_showing(instance):
    """The ids (a list or a query) of the stories whose article shows `instance`; None when
    any story may (a category is in the breadcrumbs of every story below it). A story and a
    library image mark theirs in `save()`, after the renditions their signals come before.
    Tags come and go as TaggedItem rows; secondary categories are not shown."""
    if isinstance(instance, (models.Story, models.LibraryImage, models.StoryRedirect)):
        return []
    if isinstance(instance, (models.StoryAuthor, models.RoundupItem, models.Source, models.Correction)):
        return [instance.story_id]
    if isinstance(instance, models.Author):
        return models.StoryAuthor.objects.filter(author=instance).values("story_id")
    if isinstance(instance, (Tag, TaggedItem)):
        story_type = ContentType.objects.get_for_model(models.Story)
        if isinstance(instance, TaggedItem):
            return [instance.object_id] if instance.content_type_id == story_type.pk else []
        return TaggedItem.objects.filter(content_type=story_type, tag=instance).values("object_id")
    return None


# What a story's place in other stories' related lists depends on (besides its tags).
RANKED_BY = ("status", "published_at", "primary_category_id")


def remember_ranking(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk is not None:
        stored = models.Story.objects.filter(pk=instance.pk).values_list(*RANKED_BY).first()
        instance._ranked_as = stored


def rank_after_save(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_ranked_as", None)
    if raw or (not created and before == tuple(getattr(instance, f) for f in RANKED_BY)):
        return  # a change of text moves no story in any list
    was_candidate = before is not None and before[0] == models.Story.Status.PUBLISHED
    related.refresh_around(instance, neighbours=was_candidate or _is_candidate(instance))


def rank_after_tags(sender, instance, action, reverse, pk_set=None, **kwargs):
    if isinstance(instance, models.Story) and not reverse and action.startswith("post_"):
        if pk_set or action == "post_clear":
            related.refresh_around(instance, neighbours=_is_candidate(instance))


def _is_candidate(story):
    """Only stories with status published (due or scheduled) sit in other stories' lists."""
    return story.status == models.Story.Status.PUBLISHED


def remember_pointing(sender, instance, **kwargs):
    instance._pointed_at_by = related.pointing_at(instance.pk)


def rank_after_delete(sender, instance, **kwargs):
    related.refresh_ids(getattr(instance, "_pointed_at_by", set()))


def item_text_changed(sender, instance, raw=False, origin=None, **kwargs):
    """A round-up item's text is part of its story's search document."""
    if raw or isinstance(origin, models.Story) or getattr(origin, "model", None) is models.Story:
        return  # deleted with its story, whose search entry goes with it
    story = models.Story.objects.filter(pk=instance.story_id).first()
    if story is not None:
        story.refresh_search_document()


def connect():
    for model in CONTENT_MODELS:
        name = model.__name__
        post_save.connect(content_changed, sender=model, dispatch_uid=f"stale-on-save-{name}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"stale-on-delete-{name}")
        post_save.connect(article_inputs_changed, sender=model, dispatch_uid=f"article-{name}")
        post_delete.connect(article_inputs_changed, sender=model, dispatch_uid=f"article-gone-{name}")
    m2m_changed.connect(
        content_changed, sender=models.Story.categories.through, dispatch_uid="stale-on-categories"
    )
    item = models.RoundupItem
    post_save.connect(item_text_changed, sender=item, dispatch_uid="search-item-saved")
    post_delete.connect(item_text_changed, sender=item, dispatch_uid="search-item-deleted")
    story = models.Story
    pre_save.connect(remember_ranking, sender=story, dispatch_uid="related-before-save")
    post_save.connect(rank_after_save, sender=story, dispatch_uid="related-after-save")
    m2m_changed.connect(rank_after_tags, sender=story.tags.through, dispatch_uid="related-after-tags")
    pre_delete.connect(remember_pointing, sender=story, dispatch_uid="related-before-delete")
    post_delete.connect(rank_after_delete, sender=story, dispatch_uid="related-after-delete")
