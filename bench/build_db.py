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
from types import SimpleNamespace

SEED_SLUG = "joint-us-mexico-operation-dismantles-nogales-fentanyl-network"
BIG_SLUG = "bench-story-with-many-comments"
POST_SLUG = "bench-story-for-comment-posts"
GENERATED_PREFIX = "bench-story-"
BATCH = 2000

WORDS = (
    "fentanyl border cartel sanctions treasury justice court ruling congress senate migration "
    "remittances trade tariff port customs inspection network arrest seizure indictment "
    "prosecutor governor president election reform judiciary police guard military security "
    "policy cooperation agreement report data homicide violence economy growth inflation peso "
    "dollar investment factory supply chain shipment chemical precursor laboratory pill "
    "official minister ambassador embassy statement hearing testimony budget program aid "
    "community family city state region northern southern coast river desert highway"
).split()
NAMES = (
    "Ana Luis Carmen José María Pedro Sofía Diego Elena Jorge Laura Miguel Paula Andrés Rosa "
    "Tom Sarah Emily James Olivia Daniel Grace Henry Alice Mark"
).split()
# One place per generated story, in its headline: a search for one finds about 2% of them.
TOPICS = (
    "Nogales Tijuana Juárez Monterrey Culiacán Sinaloa Sonora Chihuahua Oaxaca Chiapas Guerrero "
    "Michoacán Jalisco Puebla Veracruz Tabasco Yucatán Querétaro Zacatecas Durango Coahuila "
    "Tamaulipas Reynosa Matamoros Laredo Mexicali Ensenada Hermosillo Acapulco Cancún Mazatlán "
    "Tapachula Toluca Morelia Guadalajara León Aguascalientes Saltillo Torreón Campeche Mérida "
    "Colima Tepic Pachuca Tlaxcala Cuernavaca Villahermosa Xalapa Zamora Celaya"
).split()
SURNAMES = "García López Martínez Hernández Pérez Smith Johnson Brown Davis Miller Ortega Ruiz".split()


def sentence(rng, low=8, high=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng, sentences=4):
    return " ".join(sentence(rng) for _ in range(sentences))


def next_id(model):
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


class Fragments:
    """`comments.rendering.fragment_of`, for a build: the same template and context, the
    template looked up once and the site's language set once (rendering is most of a build)."""

    SENTINEL = 987654321

    def __init__(self):
        from django.template.loader import get_template
        from django.urls import reverse

        from comments.rendering import TEMPLATE

        self.template = get_template(TEMPLATE)
        self.permalink = reverse("comments:permalink", kwargs={"pk": self.SENTINEL}).replace(
            str(self.SENTINEL), "{}"
        )

    def __call__(self, comment, parent_shown):
        shown = {field: comment[column] for field, column in SHOWN_FIELDS.items()}
        shown["permalink"] = self.permalink.format(comment["id"])
        shown["parent_shown"] = (
            SimpleNamespace(pk=parent_shown[0], name=parent_shown[1]) if parent_shown else None
        )
        return self.template.render({"comment": SimpleNamespace(**shown)}).strip()


# What a fragment shows, as `comments.rendering.SHOWN_FIELDS` names it, by column.
SHOWN_FIELDS = {
    "pk": "id",
    "parent_id": "parent_id",
    "name": "name",
    "website": "website",
    "text_html": "text_html",
    "created_at": "created_at",
    "is_staff_reply": "is_staff_reply",
}


class CommentMaker:
    """Comments for one story at a time, with replies in threads, as rows (dictionaries of
    column values) ready for `insert`."""

    def __init__(self, rng, start_id):
        from newsroom.sanitize import text_to_html

        self.rng, self.id = rng, start_id
        # A pool of texts, each rendered once: bleach is too slow for a million calls.
        texts = [
            "\n\n".join(paragraph(rng, rng.randint(1, 3)) for _ in range(rng.randint(1, 2)))
            for _ in range(400)
        ]
        self.pool = [(text, text_to_html(text)) for text in texts]
        self.names = [f"{first} {last}" for first in NAMES for last in SURNAMES]
        self.fragment = Fragments()

    def for_story(self, story_id, published_at, count, approved_share=0.85):
        from comments.reading_order import key_of

        rng, made, fragment = self.rng, [], self.fragment
        when = published_at
        for _ in range(count):
            when = when + timedelta(minutes=rng.randint(1, 90))
            roll = rng.random()
            status = "approved" if roll < approved_share else ("pending" if roll < 0.95 else "spam")
            parent = rng.choice(made) if made and rng.random() < 0.3 else None
            text, text_html = rng.choice(self.pool)
            pk = self.id
            comment = {
                "id": pk,
                "story_id": story_id,
                "parent_id": None,
                "name": rng.choice(self.names),
                "email": f"reader{pk}@example.org",
                "website": "",
                "text": text,
                "text_html": text_html,
                "status": status,
                "ip_hash": f"{pk:064x}",
                "user_agent": "bench",
                "is_staff_reply": False,
                "created_at": when,
                "status_changed_at": when,
                "html": "",
            }
            if parent is not None:
                comment["parent_id"] = parent["id"]
                comment["thread_id"] = parent["thread_id"]
                comment["depth"] = parent["depth"] + 1
            else:
                comment["thread_id"], comment["depth"] = pk, 0
            # What Comment.save and the moderation functions write, written here for `insert`.
            comment["reading_key"] = key_of(pk, when, parent["reading_key"] if parent else "")
            if status == "approved":
                shown = (
                    (parent["id"], parent["name"])
                    if parent is not None and parent["status"] == "approved"
                    else None
                )
                comment["html"] = fragment(comment, shown)
            self.id += 1
            made.append(comment)
        return made


def insert(model, rows):
    """Insert `rows` (dictionaries of column values, by attribute name) into `model`'s
    table: with COPY on PostgreSQL, with bulk_create elsewhere. A column a row leaves out
    gets the field's default."""
    from django.db import connection

    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH)
        return
    from django.utils import timezone

    pk = model._meta.pk
    # Without explicit keys (the first row says), the sequence numbers the rows.
    fields = [f for f in model._meta.concrete_fields if f is not pk or pk.attname in rows[0]]
    prototype, now = model(), timezone.now()
    defaults = [
        now
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        else field.get_db_prep_save(getattr(prototype, field.attname), connection)
        for field in fields
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    pairs = list(zip([field.attname for field in fields], defaults, strict=True))
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row.get(name, default) for name, default in pairs])


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
            batch = maker.for_story(big.pk, big.published_at, big_story, approved_share=0.9)
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

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
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
