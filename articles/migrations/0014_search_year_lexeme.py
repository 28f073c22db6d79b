from django.db import migrations

from articles.models.stories import search_document_of

# 0006's vector, with the lexeme naming the publication year that lets a search read the
# archive a year at a time (articles/search.py).
VECTOR_SQL = (
    "setweight(to_tsvector('simple'::regconfig, COALESCE(headline, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, COALESCE(search_document, '')), 'D') || "
    "COALESCE(('_y' || EXTRACT(YEAR FROM published_at AT TIME ZONE 'UTC')::int)::tsvector, ''::tsvector)"
)


def index_again(apps, schema_editor):
    """Every story's search document written again (those written in admin had none), then
    on PostgreSQL every vector, with its year."""
    Story = apps.get_model("articles", "Story")
    stories = Story.objects.using(schema_editor.connection.alias)
    batch = []
    for story in stories.order_by("pk").prefetch_related("items").iterator(chunk_size=500):
        items = sorted(story.items.all(), key=lambda item: (item.position, item.pk))
        story.search_document = search_document_of(story, items)
        batch.append(story)
        if len(batch) == 500:
            stories.bulk_update(batch, ["search_document"])
            batch = []
    stories.bulk_update(batch, ["search_document"])
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"UPDATE articles_story SET search_vector = {VECTOR_SQL}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_story_renderings"),
    ]

    operations = [
        migrations.RunPython(index_again, migrations.RunPython.noop, elidable=False),
    ]
