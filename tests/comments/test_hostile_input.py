"""The XSS corpus pushed through every field a commenter fills in."""

import pytest

from comments.models import Comment
from tests.comments.helpers import make_comment, post_comment
from tests.hostile.markup import load_vectors, runnable_parts

pytestmark = pytest.mark.django_db

VECTORS = load_vectors()


def comment_list(html):
    return html.split('<ol class="comment-list">', 1)[1].split('<form class="comment-form"', 1)[0]


def test_every_vector_stored_in_a_comment_renders_inert(client, story, settings):
    """Even stored without the form's checks (as if written by another tool), the name,
    website and text of a comment cannot become markup or a script link."""
    settings.COMMENTS_PER_PAGE = len(VECTORS)
    for n, vector in enumerate(VECTORS):
        vector = vector.replace("\x00", "")  # PostgreSQL stores no NUL; the form refuses them
        make_comment(story, name=vector[:80], website=vector[:200], text=vector, minutes=n)
    html = comment_list(client.get(story.get_absolute_url()).text)
    assert runnable_parts(html) == []
    for vector in VECTORS:
        if "<" in vector:
            assert vector[:80] not in html
    feed = client.get(f"/comments/story/{story.slug}/feed/")
    assert feed.status_code == 200 and "<script" not in feed.text.lower()


@pytest.mark.parametrize("vector", VECTORS[::12])
def test_vectors_sent_through_the_form_never_cause_a_500_or_markup(client, story, settings, vector):
    settings.COMMENTS_RATE_LIMIT = 10_000
    for field in ("name", "website", "text"):
        response = post_comment(client, story, **{field: vector[:300]}, email="bad email")
        assert response.status_code == 400
        if "<" in vector:
            assert vector[:300] not in response.text  # echoed back escaped, in the kept form
    assert post_comment(client, story, text=vector).status_code in (302, 400, 409)
    assert not Comment.objects.filter(status="approved").exists()
