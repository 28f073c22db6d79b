"""Indexes for joining stories to their tags on PostgreSQL.

taggit stores the tagged object's id as an integer and Django joins it to the story's
bigint id through a cast, which taggit's own indexes cannot serve. These expression
indexes match that cast, so tag pages and related stories do not scan every tagging.
"""

from django.db import migrations

INDEXES = {
    "taggeditem_object_bigint_idx": "(content_type_id, (object_id::bigint), tag_id)",
    "taggeditem_tag_object_bigint_idx": "(tag_id, content_type_id, (object_id::bigint))",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON taggit_taggeditem {columns}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_story_category_index"), ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx")]
    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
