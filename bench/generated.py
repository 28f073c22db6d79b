"""The generated part of a benchmark archive: deterministic text, comments in threads with
their reading keys and stored fragments, and a fast insert of plain rows (bench/build_db.py)."""

from datetime import timedelta
from types import SimpleNamespace

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
