"""Demo comments on the seed story: a short thread with a reply, a commenter with a website,
and one comment awaiting moderation. Loading them again creates nothing twice."""

from datetime import timedelta

from articles.models import Story
from comments.models import Comment

SEED_SLUG = "joint-us-mexico-operation-dismantles-nogales-fentanyl-network"

# (key, parent key, name, email, website, text, status, hours after publication)
DEMO_COMMENTS = [
    ("lucia", None, "Lucía Hernández", "lucia.hernandez@example.org", "",
     "120,000 pills from a single network is a staggering figure. Does anyone know whether the "
     "indictments in Arizona name the suppliers of the precursor chemicals?", "approved", 5),
    ("tom", "lucia", "Tom Becker", "tom.becker@example.net", "https://example.net/tom-becker",
     "The DOJ release does not name them, as far as I can see. The Treasury sanctions further down "
     "the round-up are the closest thing to an answer.\n\nhttps://www.justice.gov/ has the indictment list.",
     "approved", 8),
    ("marisol", None, "Marisol Ortega", "marisol.ortega@example.org", "",
     "Good to see the FGR and the DOJ credited together. Coverage in Mexico was much thinner than this.",
     "approved", 26),
    ("dan", None, "Dan Whitaker", "dan.whitaker@example.net", "",
     "Will there be a follow-up when the five detainees appear in court?", "pending", 30),
]  # fmt: skip


def load_demo_comments():
    """Create the demo comments on the seed story; return how many were new."""
    story = Story.objects.filter(slug=SEED_SLUG).first()
    if story is None or story.published_at is None:
        return 0
    made, created = {}, 0
    for key, parent_key, name, email, website, text, status, hours in DEMO_COMMENTS:
        at = story.published_at + timedelta(hours=hours)
        made[key], new = Comment.objects.get_or_create(
            story=story,
            email=email,
            text=text,
            defaults={
                "parent": made.get(parent_key),
                "name": name,
                "website": website,
                "status": status,
                "created_at": at,
                "status_changed_at": at,
            },
        )
        created += new
    return created
