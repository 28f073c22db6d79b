"""Related stories are ranked when stories change and stored; the story page reads them."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from articles import related
from articles.models import RelatedStory, Story
from tests.editorial.helpers import change_url, open_form, staff_client
from tests.factories import make_category, make_story

pytestmark = pytest.mark.django_db


def related_headlines(client, story):
    """The headlines of the related-story cards on `story`'s page, in order."""
    html = client.get(story.get_absolute_url()).text
    section = html.split('id="related-heading"', 1)[1] if 'id="related-heading"' in html else ""
    return re.findall(r'<a href="/story/[^"]+/">([^<]+)</a>', section)


@pytest.fixture
def desk():
    return make_category("Desk", slug="desk")


def test_a_story_published_later_appears_on_the_related_list_of_a_story_sharing_its_tag(client, desk):
    story = make_story("Border crossings fall", tags=["border"])
    draft = make_story("Tunnel found under the wall", tags=["border"], status="draft", published_at=None)
    assert related_headlines(client, story) == []
    draft.publish()
    assert related_headlines(client, story) == ["Tunnel found under the wall"]
    assert related_headlines(client, draft) == ["Border crossings fall"]


def test_more_shared_tags_rank_first_then_the_newest(client):
    story = make_story("Main", tags=["border", "cartels", "fentanyl"])
    make_story("One tag, newest", tags=["border"])
    make_story("Two tags", tags=["border", "cartels"])
    make_story("Three tags, oldest", tags=["border", "cartels", "fentanyl"])
    assert related_headlines(client, story) == ["Three tags, oldest", "Two tags", "One tag, newest"]


def test_only_four_are_shown_of_the_stored_eight(client, desk):
    story = make_story("Main", category=desk)
    for n in range(10):
        make_story(f"Desk story {n}", category=desk)
    assert len(related_headlines(client, story)) == 4
    assert story.related_links.count() == related.KEEP == 8


def test_changing_tags_moves_a_story_into_and_out_of_related_lists(client):
    story = make_story("Main", tags=["border"])
    other = make_story("Other", tags=["weather"])
    assert related_headlines(client, story) == []
    other.tags.add("border")
    assert related_headlines(client, story) == ["Other"]
    other.tags.set(["weather"])
    assert related_headlines(client, story) == []


def test_an_edit_in_admin_that_adds_a_tag_ranks_the_lists_at_once(client):
    story = make_story("Main", tags=["border"])
    other = make_story("Other", tags=["weather"])
    editor = staff_client(Client, "editor")
    data = open_form(editor, other)
    data["tags"] = [*data["tags"], str(Tag.objects.get(name="border").pk)]
    data["_publish_changes"] = "Publish changes"
    response = editor.post(change_url(other), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(other.tags.names()) == {"weather", "border"}
    assert related_headlines(client, story) == ["Other"]
    assert related_headlines(client, other) == ["Main"]


def test_a_withdrawn_story_leaves_the_related_list_and_the_next_one_takes_its_place(client, desk):
    story = make_story("Main", category=desk)
    others = [make_story(f"Desk story {n}", category=desk) for n in range(5)]
    shown = related_headlines(client, story)
    newest = Story.objects.get(headline=shown[0])
    newest.withdraw()
    after = related_headlines(client, story)
    assert newest.headline not in after and len(after) == 4
    assert set(after) < {s.headline for s in others}


def test_a_story_taken_down_without_ranking_again_is_still_never_shown(client, desk):
    """The page shows only stories public now, whatever the stored list says."""
    story = make_story("Main", category=desk)
    other = make_story("Other", category=desk)
    Story.objects.filter(pk=other.pk).update(status=Story.Status.WITHDRAWN)  # no signal, no ranking
    assert story.related_links.filter(related=other).exists()
    assert related_headlines(client, story) == []


def test_a_deleted_story_leaves_the_related_lists(client, desk):
    story = make_story("Main", category=desk)
    gone = make_story("Gone", category=desk)
    make_story("Kept", category=desk, tags=["x"])
    gone.delete()
    assert related_headlines(client, story) == ["Kept"]


def test_story_page_query_count_does_not_depend_on_the_number_of_candidates(client, desk, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders the page
    story = make_story("Main", category=desk, tags=["border"])
    make_story("Only sibling", category=desk, tags=["border"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(story.get_absolute_url()).status_code == 200
        return len(queries)

    count()  # the story's id by its address is cached from now on
    with_one = count()
    for n in range(40):
        make_story(f"Candidate {n}", category=desk, tags=["border", f"t{n}"])
    assert count() == with_one
    assert len(related_headlines(client, story)) == 4


def test_refresh_related_ranks_every_story_as_saving_them_does(desk):
    sections = [desk, make_category("Other desk")]
    for n in range(30):
        tags = [f"tag-{n % 4}", f"tag-{n % 7}"]
        make_story(f"Story {n}", category=sections[n % 2], tags=tags)
    make_story("Draft", category=desk, tags=["tag-1"], status="draft", published_at=None)
    one_by_one = {story.pk: related.rank_for(story) for story in Story.objects.all()}
    RelatedStory.objects.all().delete()
    output = io.StringIO()
    call_command("refresh_related", stdout=output)
    assert "31 stories" in output.getvalue()
    stored = {s.pk: list(s.related_links.values_list("related_id", flat=True)) for s in Story.objects.all()}
    assert stored == one_by_one
    assert all(len(ids) == related.KEEP for ids in stored.values())


def test_the_data_migration_ranks_the_stories_already_there(desk):
    from django.db.migrations.loader import MigrationLoader

    stories = [make_story(f"Desk story {n}", category=desk, tags=[f"tag-{n % 3}"]) for n in range(12)]
    expected = {s.pk: related.rank_for(s) for s in stories}
    RelatedStory.objects.all().delete()  # as before the migration: nothing stored
    loader = MigrationLoader(connection)
    key = ("articles", "0012_rank_related_stories")
    [operation] = loader.graph.nodes[key].operations
    operation.code(loader.project_state(key).apps, None)
    stored = {s.pk: list(s.related_links.values_list("related_id", flat=True)) for s in stories}
    assert stored == expected and all(len(ids) == related.KEEP for ids in stored.values())
