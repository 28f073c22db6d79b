"""Demo comments: a short thread with a reply and a commenter with a website on the seed
story, and a moderation queue with something in it: comments held by the link rule and by
the hold word list, a first-time commenter, and a returning commenter whose earlier comments
were approved. Loading them again creates nothing twice."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Story
from comments import moderation, spam
from comments.models import BlockedWord, Comment

SEED_SLUG = "joint-us-mexico-operation-dismantles-nogales-fentanyl-network"
HOLD_WORD = "WhatsApp"

# (key, story slug, parent key, name, email, website, text, status, hours after publication)
DEMO_COMMENTS = [
    ("lucia", SEED_SLUG, None, "Lucía Hernández", "lucia.hernandez@example.org", "",
     "120,000 pills from a single network is a staggering figure. Does anyone know whether the "
     "indictments in Arizona name the suppliers of the precursor chemicals?", "approved", 5),
    ("tom", SEED_SLUG, "lucia", "Tom Becker", "tom.becker@example.net", "https://example.net/tom-becker",
     "The DOJ release does not name them, as far as I can see. The Treasury sanctions further down "
     "the round-up are the closest thing to an answer.\n\nhttps://www.justice.gov/ has the indictment list.",
     "approved", 8),
    ("marisol", SEED_SLUG, None, "Marisol Ortega", "marisol.ortega@example.org", "",
     "Good to see the FGR and the DOJ credited together. Coverage in Mexico was much thinner than this.",
     "approved", 26),
    ("marisol-sanctions", "how-ofac-sanctions-work", None, "Marisol Ortega", "marisol.ortega@example.org", "",
     "The part about reporting blocked property was new to me. Thank you for spelling it out.",
     "approved", 30),
    ("dan", SEED_SLUG, None, "Dan Whitaker", "dan.whitaker@example.net", "",
     "Will there be a follow-up when the five detainees appear in court?", "pending", 30),
]  # fmt: skip

# Waiting for a moderator when the demo loads: (key, story slug, name, email, text, hours ago).
# Their reasons come from the spam rules themselves (see `held_reason`).
DEMO_QUEUE = [
    ("links", "usmca-trade-basics", "Rick Soto", "rick.soto@example.com",
     "Everything you need on tariffs is here: https://tariff-deals.example.com/usmca "
     "https://cheap-customs.example.com https://import-now.example.com/mx", 3),
    ("hold_word", "how-ofac-sanctions-work", "Kevin Lau", "kevin.lau@example.net",
     f"Great explainer. For advice on moving money across the border safely, message me on {HOLD_WORD}.", 5),
    ("returning", "border-after-title-42-round-up", "Marisol Ortega", "marisol.ortega@example.org",
     "In Tijuana the shelters were still full weeks after the change. A follow-up from there "
     "would be worth reading.", 7),
]  # fmt: skip


def load_demo_comments():
    """Create the demo comments and the hold word they need; return how many were new."""
    BlockedWord.objects.get_or_create(phrase=HOLD_WORD, action=BlockedWord.Action.HOLD)
    stories = Story.objects.published().in_bulk(
        {row[1] for row in DEMO_COMMENTS} | {row[1] for row in DEMO_QUEUE}, field_name="slug"
    )
    made, created = {}, 0
    for key, slug, parent_key, name, email, website, text, status, hours in DEMO_COMMENTS:
        if slug not in stories:
            continue
        at = stories[slug].published_at + timedelta(hours=hours)
        made[key], new = Comment.objects.get_or_create(
            story=stories[slug],
            email=email,
            text=text,
            defaults={"parent": made.get(parent_key), "name": name, "website": website, "status": status,
                      "created_at": at, "status_changed_at": at},
        )  # fmt: skip
        created += new
    now = timezone.now()
    for _key, slug, name, email, text, hours in DEMO_QUEUE:
        if slug in stories:
            created += queue_comment(stories[slug], name, email, text, now - timedelta(hours=hours))
    if created:  # stored directly, like an import: render and count them as moderation would
        moderation.rebuild(Comment.objects.filter(story__in=stories.values()))
    return created


def queue_comment(story, name, email, text, at):
    """A pending comment held for the reason the rules give it; True when it was new."""
    comment = Comment(story=story, name=name, email=email, text=text)
    reason = held_reason(comment, story)
    fields = {"name": name, "status": Comment.Status.PENDING, "created_at": at, "status_changed_at": at}
    if reason:
        fields.update(held_rule=reason.rule, held_detail=reason.detail[:300], link_count=comment.link_count)
    return Comment.objects.get_or_create(story=story, email=email, text=text, defaults=fields)[1]


def held_reason(comment, story):
    """What the link and hold-word rules say about a demo comment, as for a reader's."""
    holds = BlockedWord.objects.filter(action=BlockedWord.Action.HOLD).values_list("phrase", flat=True)
    return spam.too_many_links(comment, story) or spam.blocked_word(comment, None, holds, rule="hold_words")
