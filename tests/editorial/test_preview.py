"""Preview: the public page as the form's unsaved contents would make it, saving nothing."""

import pytest
from django.urls import reverse

from articles.models import Story
from editorial.models import StoryRevision
from tests.articles.test_admin import story_form
from tests.editorial.helpers import change_url, open_form
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def assert_private_noindex(response):
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_previewing_a_new_story_shows_its_page_and_saves_nothing(editor):
    data = story_form(headline="Preview of a round-up", body="<p>Body <strong>bold</strong>.</p>", tags=[])
    data["_preview"] = "Preview"
    response = editor.post(reverse("admin:articles_story_add"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="story__headline">Preview of a round-up</h1>' in page
    assert "Coalition launched" in page  # the round-up item in the form
    assert "El Universal" in page  # a cited source in the form
    assert "<strong>bold</strong>" in page
    assert "Preview of unsaved changes." in page
    assert_private_noindex(response)
    assert not Story.objects.exists()


def test_previewing_a_change_to_a_live_story_leaves_it_and_its_history_alone(editor, client):
    story = make_story("Published headline", body="<p>Published body.</p>")
    data = open_form(editor, story)
    data.update(headline="Changed headline", body="<p>Changed body.</p>", _preview="Preview")
    response = editor.post(change_url(story), data)

    assert "Changed body." in response.content.decode()
    assert "Published body." in client.get(story.get_absolute_url()).content.decode()
    assert Story.objects.get(pk=story.pk).headline == "Published headline"
    assert not StoryRevision.objects.exists()


def test_previewing_a_form_with_errors_shows_the_errors(editor):
    data = story_form(headline="", tags=[])
    data["_preview"] = "Preview"
    response = editor.post(reverse("admin:articles_story_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["headline"]
    assert not Story.objects.exists()


def test_preview_shows_unsaved_bylines_and_sanitises_the_body(editor):
    story = make_story("Story", status=Story.Status.DRAFT)
    data = open_form(editor, story)
    data.update(body='<p onclick="alert(1)">Hi<script>alert(2)</script></p>', _preview="Preview")
    page = editor.post(change_url(story), data).content.decode()
    assert "<p>Hi</p>" in page
    assert "alert" not in page.split('class="story__body prose"')[1].split("</div>")[0]


def test_preview_shows_a_featured_image_chosen_in_the_form(editor):
    from tests.factories import uploaded_image

    story = make_story("With a picture", status=Story.Status.DRAFT)
    data = open_form(editor, story)
    data.update(image=uploaded_image("border.png", size=(900, 500)), image_alt="Trucks at the crossing",
                _preview="Preview")  # fmt: skip
    page = editor.post(change_url(story), data).content.decode()
    assert 'alt="Trucks at the crossing"' in page
    assert "renditions/" in page and "srcset=" in page
    assert not Story.objects.get(pk=story.pk).image
