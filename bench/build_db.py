"""Build a benchmark database: the demo newsroom, then generated stories and comments.

Run it as a script against an empty database named by DATABASE_URL (bench/run.py does):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        python bench/build_db.py --stories 20000 --comments 200000 --big-story 5000

It migrates, loads the demo newsroom (`load_demo`), gives the demo story 50 approved
comments, then adds the generated archive in batches with explicit primary keys (so a
comment's thread can be set in the same insert): COPY on PostgreSQL, `bulk_create`
elsewhere. Each approved comment's fragment is rendered with the template the moderation
functions use. It resets the sequences afterwards. Generated text is deterministic (a fixed
random seed).
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generated import (  # noqa: E402
    BATCH,
    SURNAMES,
    TOPICS,
    WORDS,
    CommentMaker,
    insert,
    next_id,
    paragraph,
    sentence,
)

SEED_SLUG = "joint-us-mexico-operation-dismantles-nogales-fentanyl-network"
BIG_SLUG = "bench-story-with-many-comments"
POST_SLUG = "bench-story-for-comment-posts"
GENERATED_PREFIX = "bench-story-"


def top_up_seed_story(rng, maker, wanted):
    """Give the demo story exactly `wanted` approved comments (adding, never removing)."""
    from articles.models import Story
    from comments.models import Comment

    story = Story.objects.filter(slug=SEED_SLUG).first()
    if story is None:
        return 0
    missing = wanted - Comment.objects.filter(story=story, status="approved").count()
    if missing <= 0:
        return 0
    comments = maker.for_story(story.pk, story.published_at + timedelta(days=2), missing, approved_share=1.0)
    insert(Comment, comments)
    return missing


def make_stories(rng, count, now):
    """`count` published stories spread over six years, with bylines, tags and sources."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils.text import slugify
    from taggit.models import Tag, TaggedItem

    from articles.models import Author, Category, Source, Story, StoryAuthor

    categories = list(Category.objects.values_list("pk", flat=True))
    authors = list(Author.objects.values_list("pk", flat=True))
    tags = list(Tag.objects.values_list("pk", flat=True))
    story_type = ContentType.objects.get_for_model(Story)
    start = next_id(Story)
    stories, bylines, tagged, secondary, sources = [], [], [], [], []
    for n in range(count):
        pk = start + n
        # Lengths like the demo stories' (headline ~60, standfirst ~135, body ~800 characters).
        headline = f"{TOPICS[pk % len(TOPICS)]}: {sentence(rng, 5, 8).rstrip('.')}"
        standfirst = sentence(rng, 12, 20)
        paragraphs = [paragraph(rng, rng.randint(2, 4)) for _ in range(3)]
        slug = f"{GENERATED_PREFIX}{pk}-{slugify(headline)[:60]}"
        stories.append(
            {
                "id": pk,
                "headline": headline,
                "slug": slug,
                "standfirst": standfirst,
                "body": "".join(f"<p>{p}</p>" for p in paragraphs),
                "primary_category_id": rng.choice(categories),
                "status": "published",
                "published_at": now - timedelta(minutes=rng.randint(60, 6 * 365 * 24 * 60)),
                "search_document": "\n".join([headline, standfirst, *paragraphs]),
            }
        )
        for position, author in enumerate(rng.sample(authors, rng.choice([1, 1, 1, 2]))):
            bylines.append({"story_id": pk, "author_id": author, "position": position})
        for tag in rng.sample(tags, min(len(tags), rng.randint(1, 3))):
            tagged.append({"tag_id": tag, "content_type_id": story_type.pk, "object_id": pk})
        if rng.random() < 0.2:
            secondary.append({"story_id": pk, "category_id": rng.choice(categories)})
        for position in range(rng.randint(0, 3)):
            sources.append(
                {
                    "story_id": pk,
                    "position": position,
                    "title": sentence(rng, 5, 9),
                    "outlet": rng.choice(SURNAMES),
                    "url": f"https://example.org/report/{pk}/{position}",
                    "language": rng.choice(["en", "es"]),
                }
            )
    for model, rows in [
        (Story, stories),
        (StoryAuthor, bylines),
        (TaggedItem, tagged),
        (Story.categories.through, secondary),
        (Source, sources),
    ]:
        for first in range(0, len(rows), 20 * BATCH):
            insert(model, rows[first : first + 20 * BATCH])
    Story.objects.filter(pk__gte=start).refresh_search_vectors()
    return [(s["id"], s["published_at"]) for s in stories]


def add_special_story(slug, headline, published_at):
    """A published story with a byline and a category, for the big thread and for the POSTs."""
    from articles.models import Author, Category, Story, StoryAuthor

    story = Story.objects.create(
        slug=slug,
        headline=headline,
        standfirst="A story the benchmark uses.",
        body="<p>" + " ".join(WORDS[:60]) + "</p>",
        status="published",
        published_at=published_at,
        primary_category=Category.objects.order_by("pk").first(),
    )
    StoryAuthor.objects.create(story=story, author=Author.objects.order_by("pk").first())
    story.refresh_search_document()
    return story


def build(*, stories, comments, big_story, seed_comments=50, seed=20240713, log=print):
    """Add the generated archive to a database that already holds the demo newsroom.

    `comments` counts every comment added: the demo story's top-up, `big_story` comments on
    one story, and the rest spread over the generated stories.
    """
    from django.db import connection, transaction
    from django.utils import timezone, translation

    from comments.models import Comment
    from comments.moderation import recount

    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic(), translation.override(None):  # fragments in the site's language
        maker = CommentMaker(rng, next_id(Comment))
        added = top_up_seed_story(rng, maker, seed_comments)
        if stories:
            began = time.monotonic()
            # The two special stories first: they take their ids from the sequence.
            big = add_special_story(BIG_SLUG, "A story with a long comment thread", now - timedelta(days=3))
            add_special_story(POST_SLUG, "A story for the benchmark's comments", now - timedelta(days=4000))
            made = make_stories(rng, max(0, stories - 2), now)
            log(f"  {len(made) + 2} stories in {time.monotonic() - began:.0f} s")
            began = time.monotonic()
            maker.id = max(maker.id, next_id(Comment))
            # The big thread from a generator of its own: the same pages at every size.
            maker.rng = random.Random(seed + 1)
            batch = maker.for_story(big.pk, big.published_at, big_story, approved_share=0.9)
            maker.rng = rng
            remaining = max(0, comments - added - len(batch))
            for index, (story_id, published_at) in enumerate(made if remaining else []):
                share = remaining // len(made) + (1 if index < remaining % len(made) else 0)
                batch += maker.for_story(story_id, published_at, share)
                if len(batch) >= 20 * BATCH:
                    insert(Comment, batch)
                    added, batch = added + len(batch), []
            insert(Comment, batch)
            added += len(batch)
            log(f"  {Comment.objects.count()} comments in {time.monotonic() - began:.0f} s")
        recount()  # the stories' comment counts, as the moderation functions keep them
        reset_sequences(connection)
    if connection.vendor == "postgresql":
        # VACUUM too, as autovacuum would an hour later: until then PostgreSQL cannot answer
        # from the indexes alone, and a database measured right after its build looks slower.
        # (Inside a transaction, as in the tests, PostgreSQL refuses VACUUM: analyse only.)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
    return added


def reset_sequences(connection):
    """Explicit primary keys leave PostgreSQL's sequences behind; move them past the rows."""
    from django.apps import apps
    from django.core.management.color import no_style

    models = [m for app in ("articles", "comments", "taggit") for m in apps.get_app_config(app).get_models()]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--big-story", type=int, default=5_000)
    parser.add_argument("--seed-comments", type=int, default=50)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django
    from django.core.management import call_command

    django.setup()
    began = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    print(f"  migrated and loaded the demo newsroom in {time.monotonic() - began:.0f} s", flush=True)
    build(
        stories=args.stories,
        comments=args.comments,
        big_story=args.big_story,
        seed_comments=args.seed_comments,
        log=lambda line: print(line, flush=True),
    )


if __name__ == "__main__":
    main()
