"""Rank and store the related stories of the stories already there."""

from django.db import migrations

from articles.related import rank_all, story_rows


def rank_existing(apps, schema_editor):
    Story = apps.get_model("articles", "Story")
    RelatedStory = apps.get_model("articles", "RelatedStory")
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    content_type = ContentType.objects.filter(app_label="articles", model="story").first()
    links = (
        TaggedItem.objects.filter(content_type=content_type).values_list("object_id", "tag_id")
        if content_type
        else []
    )
    ranked = rank_all(story_rows(Story, "published"), links)
    RelatedStory.objects.bulk_create(
        (
            RelatedStory(story_id=pk, related_id=other, position=n)
            for pk, ids in ranked.items()
            for n, other in enumerate(ids)
        ),
        batch_size=5000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_related_stories"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(rank_existing, migrations.RunPython.noop)]
