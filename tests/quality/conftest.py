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
    return story
