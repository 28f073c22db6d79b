"""The editors' admin: creating, validating, publishing and withdrawing stories."""

import pytest
from django.urls import reverse

from articles.models import Category, Correction, Story
from tests.factories import make_author, make_category, make_story, make_user, uploaded_image

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_story_add")


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def story_form(**overrides):
    """The add form as an editor submits it, with one byline, one item and two sources."""
    author = overrides.pop("author", None) or make_author()
    category = overrides.pop("category", None) or make_category(parent=make_category())
    data = {
        "headline": "Joint operation takes down border network",
        "slug": "joint-operation",
        "standfirst": "Five arrested in Nogales.",
        "body": "",
        "primary_category": str(category.pk),
        "status": "published",
        "published_at_0": "2023-07-13",
        "published_at_1": "09:00:00",
        "comments_open": "on",
        **inline_management("bylines", 1),
        "bylines-0-author": str(author.pk),
        "bylines-0-position": "0",
        **inline_management("items", 1),
        "items-0-headline": "Coalition launched",
        "items-0-position": "0",
        "items-0-body": "<p>Ninety countries joined.</p>",
        "items-0-source_line": "U.S. Embassy in China",
        **inline_management("sources", 2),
        "sources-0-position": "0",
        "sources-0-title": "EU y México desmantelan red",
        "sources-0-outlet": "El Universal",
        "sources-0-language": "es",
        "sources-1-position": "1",
        "sources-1-title": "Cooperation Between United States and Mexican Law Enforcement",
        "sources-1-outlet": "U.S. Department of Justice",
        "sources-1-url": "https://www.justice.gov/",
        "sources-1-language": "en",
        **inline_management("corrections", 0),
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor", groups=["Editors"], is_staff=True))
    return client


def test_editor_creates_and_publishes_a_round_up_story(editor_client):
    response = editor_client.post(ADD_URL, story_form(tags=[]), follow=True)
    assert response.status_code == 200, response.context["adminform"].form.errors if response.context else ""
    story = Story.objects.get(slug="joint-operation")
    assert story.is_public
    assert [item.source_line for item in story.items.all()] == ["U.S. Embassy in China"]
    assert [(s.outlet, s.language) for s in story.sources.all()] == [
        ("El Universal", "es"),
        ("U.S. Department of Justice", "en"),
    ]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"primary_category": ""}, "A published story needs a primary category."),
        ({"bylines-TOTAL_FORMS": "0"}, "A published story needs at least one author."),
        ({"items-TOTAL_FORMS": "0"}, "A published story needs a body or at least one round-up item."),
        ({"items-0-source_line": ""}, "Round-up item “Coalition launched” needs a source line."),
    ],
)
def test_publishing_rules_are_explained_to_the_editor(editor_client, change, message):
    response = editor_client.post(ADD_URL, story_form(**change))
    assert response.status_code == 200
    assert message in response.text
    assert not Story.objects.exists()


def test_the_admin_and_publish_give_the_same_messages_from_one_set_of_rules(editor_client):
    """The admin's messages are those of `Story.publishing_checks`, which `publish()` raises."""
    from django.core.exceptions import ValidationError

    story = Story.objects.create(headline="Bare", slug="bare")
    with pytest.raises(ValidationError) as refused:
        story.publish()
    messages = refused.value.messages
    assert "A published story needs a primary category." in messages
    assert "A published story needs at least one author." in messages
    assert "A published story needs a body or at least one round-up item." in messages
    change = {"primary_category": "", "bylines-TOTAL_FORMS": "0", "items-TOTAL_FORMS": "0"}
    page = editor_client.post(ADD_URL, story_form(**change)).text
    assert all(message in page for message in messages)


def test_a_draft_may_be_incomplete(editor_client):
    data = story_form(
        status="draft", primary_category="", **{"bylines-TOTAL_FORMS": "0", "items-0-source_line": ""}
    )
    editor_client.post(ADD_URL, data)
    assert Story.objects.get().status == "draft"


def test_editor_schedules_a_story_for_later(editor_client):
    editor_client.post(ADD_URL, story_form(published_at_0="2099-01-01"))
    story = Story.objects.get()
    assert story.status == "published" and not story.is_public
    assert editor_client.get(reverse("articles:front")).text.count("Joint operation") == 0


def test_image_upload_with_caption_and_credit(editor_client):
    data = story_form(
        image=uploaded_image("holiday.jpg", "JPEG", size=(900, 600)),
        image_alt="Officers at the border",
        image_caption="Nogales, Sonora",
        image_credit="Newsroom",
    )
    editor_client.post(ADD_URL, data)
    story = Story.objects.get()
    assert story.image and "holiday" not in story.image.name
    assert story.image_renditions


def test_bad_image_upload_is_a_form_error_not_a_500(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = story_form(
        image=SimpleUploadedFile("evil.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Upload a valid image" in response.text or "not an image" in response.text
    assert not Story.objects.exists()


def test_publish_and_withdraw_actions(editor_client):
    ready = make_story(status="draft", published_at=None)
    unready = make_story(status="draft", published_at=None, authors=[])
    changelist = reverse("admin:articles_story_changelist")
    response = editor_client.post(
        changelist, {"action": "publish_selected", "_selected_action": [ready.pk, unready.pk]}, follow=True
    )
    ready.refresh_from_db()
    unready.refresh_from_db()
    assert ready.is_public and unready.status == "draft"
    assert "needs at least one author" in response.text
    editor_client.post(changelist, {"action": "withdraw_selected", "_selected_action": [ready.pk]})
    ready.refresh_from_db()
    assert ready.status == "withdrawn" and not ready.comments_open
    assert editor_client.get(ready.get_absolute_url()).status_code == 200  # staff still sees it
    editor_client.logout()
    assert editor_client.get(ready.get_absolute_url()).status_code == 404


def test_deleting_a_category_with_stories_is_refused(admin_client):
    category = make_category(name="Organized Crime")
    make_story(category=category)
    response = admin_client.post(
        reverse("admin:articles_category_delete", args=[category.pk]), {"post": "yes"}
    )
    assert response.status_code == 200
    assert "Cannot delete" in response.text
    assert Category.objects.filter(pk=category.pk).exists()


def test_live_correction_shows_read_only_and_cannot_be_deleted(editor_client):
    story = make_story()
    notice = story.add_notice("correction", "An earlier version misstated the date.")
    page = editor_client.get(reverse("admin:articles_story_change", args=[story.pk]))
    assert "An earlier version misstated the date." in page.text
    assert 'name="corrections-0-text"' not in page.text
    assert 'name="corrections-0-DELETE"' not in page.text
    assert Correction.objects.filter(pk=notice.pk).exists()


def test_slug_filled_from_headline_and_admin_pages_load(admin_client):
    story = make_story(tags=["fentanyl"])
    for url in [
        reverse("admin:articles_story_changelist"),
        reverse("admin:articles_story_change", args=[story.pk]),
        reverse("admin:articles_category_changelist"),
        reverse("admin:articles_author_changelist"),
        reverse("admin:taggit_tag_changelist"),
        reverse("admin:autocomplete") + "?app_label=articles&model_name=story&field_name=tags&term=fen",
    ]:
        assert admin_client.get(url).status_code == 200, url
