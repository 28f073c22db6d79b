from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools" / "node_modules"
SEED_STORY = "/story/joint-us-mexico-operation-dismantles-nogales-fentanyl-network/"

# The pages readers use most, each kind once.
PAGES = {
    "front": "/",
    "story": SEED_STORY,
    "category": "/category/crime-and-violence/",
    "tag": "/tag/fentanyl/",
    "author": "/author/vmateoszuniga/",
    "archive": "/archive/2023/7/",
    "archive-index": "/archive/",
    "search": "/search/?q=fentanyl",
    "search-empty": "/search/?q=zzzzunlikely",
    "not-found": "/story/no-such-story/",
}

# A story whose text shows pictures from the image library, in its body and a round-up item.
FIGURE_STORY = "/story/pictures-in-the-text/"
PAGES["story-figures"] = FIGURE_STORY

# The corrections register, and a notice of the figure story that shows what changed (made
# by the fixture below under this id).
CHANGE_NOTICE_ID = 9001
PAGES["corrections"] = "/corrections/"
PAGES["what-changed"] = f"/corrections/{CHANGE_NOTICE_ID}/change/"


@pytest.fixture
def figure_story(db):
    from articles.models import RoundupItem
    from tests.articles.library import figure_html, make_library_image
    from tests.factories import make_story

    picture = make_library_image()
    story = make_story(
        "Pictures in the text",
        slug="pictures-in-the-text",
        body="<h2>What agents found</h2><p>Before the picture.</p>"
        + figure_html(picture, caption="Seized <em>pills</em>."),
    )
    item = make_library_image("A truck at the crossing", caption="", credit="")
    RoundupItem.objects.create(
        story=story, headline="At the crossing", body=figure_html(item) + "<p>After.</p>"
    )
    add_notice_showing_a_change(story)
    return story


def add_notice_showing_a_change(story):
    from articles.models import Correction
    from editorial.models import StoryRevision

    before = StoryRevision.objects.record(story, None, "before")
    story.standfirst, story.body = "Agents found six trucks.", story.body.replace("Before", "Ahead of")
    story.save()
    after = StoryRevision.objects.record(story, None, "after")
    Correction.objects.create(
        pk=CHANGE_NOTICE_ID,
        story=story,
        text="Six trucks, not five.",
        change_before=before,
        change_after=after,
    )
