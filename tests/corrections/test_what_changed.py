"""A correction notice may show readers what changed: the story's text before and after,
word by word, announced to screen readers and not marked by colour alone."""

import pytest
from django.urls import reverse

from articles.models import Correction
from editorial.models import StoryRevision
from tests.editorial.helpers import change_url, open_form
from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def revisions(editor):
    story = make_story("Five arrested in Nogales", standfirst="Officials say five people were arrested.")
    data = open_form(editor, story)
    data.update(standfirst="Officials say six people were arrested.", _publish_changes="Publish changes")
    editor.post(change_url(story), data)
    after, before = StoryRevision.objects.for_story(story)
    return story, before, after


def add_notice_with_change(editor, story, before, after, **overrides):
    data = open_form(editor, story)
    data.update({"corrections-TOTAL_FORMS": str(int(data["corrections-TOTAL_FORMS"]) + 1)})
    n = int(data["corrections-TOTAL_FORMS"]) - 1
    data.update({
        f"corrections-{n}-kind": "correction", f"corrections-{n}-text": "<p>Six, not five.</p>",
        f"corrections-{n}-change_before": str(before.pk), f"corrections-{n}-change_after": str(after.pk),
        "_publish_changes": "Publish changes", **overrides,
    })  # fmt: skip
    return editor.post(change_url(story), data)


def test_an_editor_adds_a_notice_that_shows_the_change_and_readers_see_it(editor, client, revisions):
    story, before, after = revisions
    assert add_notice_with_change(editor, story, before, after).status_code == 302
    notice = Correction.objects.get(story=story)
    assert notice.shows_change

    story_page = client.get(story.get_absolute_url()).content.decode()
    change_link = reverse("corrections:change", args=[notice.pk])
    assert f'href="{change_link}"' in story_page
    assert f'href="{change_link}"' in client.get("/corrections/").content.decode()

    page = client.get(change_link).content.decode()
    assert (
        '<del><span class="visually-hidden">[removed: </span>five<span class="visually-hidden">]</span></del>'
        in page
    )
    assert (
        '<ins><span class="visually-hidden">[added: </span>six<span class="visually-hidden">]</span></ins>'
        in page
    )
    assert "public" in client.get(change_link)["Cache-Control"]


def test_choosing_only_one_side_of_the_change_is_refused(editor, revisions):
    story, before, after = revisions
    response = add_notice_with_change(editor, story, before, after, **{"corrections-0-change_after": ""})
    assert response.status_code == 200
    assert "choose the text before it and the text after it" in response.content.decode()
    assert not Correction.objects.exists()


def test_the_text_after_must_be_newer_than_the_text_before(editor, revisions):
    story, before, after = revisions
    response = add_notice_with_change(editor, story, after, before)
    assert "must be newer" in response.content.decode()
    assert not Correction.objects.exists()


def test_only_this_storys_saved_revisions_are_offered(editor, revisions):
    story, before, after = revisions
    other = make_story("Another story")
    StoryRevision.objects.record(other, None, "elsewhere")
    page = editor.get(change_url(story)).content.decode()
    field = page.split('name="corrections-__prefix__-change_before"')[1].split("</select>")[0]
    assert f'value="{before.pk}"' in field and f'value="{after.pk}"' in field
    assert "elsewhere" not in field


def test_a_notice_without_a_change_or_of_a_hidden_story_has_no_change_page(client, revisions):
    story, before, after = revisions
    plain = story.add_notice("update", "Nothing to compare.")
    assert client.get(reverse("corrections:change", args=[plain.pk])).status_code == 404
    hidden = make_story("Draft", status="draft")
    notice = Correction.objects.create(story=hidden, text="x", change_before=before, change_after=after)
    assert client.get(reverse("corrections:change", args=[notice.pk])).status_code == 404


def test_the_notice_form_adds_a_notice_and_moves_the_updated_time(revisions):
    from corrections.notice_form import CorrectionNoticeForm

    story, before, after = revisions
    form = CorrectionNoticeForm(
        {"kind": "correction", "text": "Six.", "change_before": before.pk, "change_after": after.pk},
        story=story,
    )
    assert form.is_valid(), form.errors
    notice = form.save()
    story.refresh_from_db()
    assert notice.shows_change and story.updated_at == notice.created_at
