"""A full-text index for story search, on PostgreSQL only (SQLite searches without one).

The indexed expression must match `articles.search.SEARCH_VECTOR` exactly.
"""

from django.db import migrations

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS story_search_idx ON articles_story USING GIN "
    "(to_tsvector('simple'::regconfig, COALESCE(search_document, '')))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS story_search_idx")


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
