"""The image library: editors upload pictures (stored without metadata, with renditions),
place them in story text from the editor's chooser, and readers see them as figures."""

import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles.models import LibraryImage, RoundupItem
from tests.articles.library import figure_html, make_library_image
from tests.factories import image_bytes, make_story, make_user, uploaded_image

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_libraryimage_add")
CHOOSER_URL = reverse("admin:articles_libraryimage_chooser")


def jpeg_with_gps(name="holiday.jpg"):
    exif = Image.Exif()
    exif[0x8825] = {2: (19.0, 26.0, 0.0)}  # GPS latitude
    exif[0x010F] = "CameraMaker"
    return uploaded_image(name, "JPEG", size=(1000, 600), exif=exif.tobytes())


def stored(name):
    return bool(name) and default_storage.exists(name)


def files_of(image):
    return [image.file.name, *(r["name"] for r in image.renditions)]


@pytest.fixture
def editor(client):
    user = make_user("editor", groups=["Editors"], is_staff=True)
    client.force_login(user)
    client.user = user
    return client


def test_editor_uploads_a_picture_stored_without_metadata_and_with_renditions(editor):
    response = editor.post(
        ADD_URL, {"file": jpeg_with_gps(), "alt_text": "Trucks at the crossing", "caption": "", "credit": ""}
    )
    assert response.status_code == 302
    image = LibraryImage.objects.get()
    assert image.uploaded_by == editor.user and "holiday" not in image.file.name
    with image.file.open("rb"), Image.open(image.file) as picture:
        assert not picture.getexif()
    assert [r["width"] for r in image.renditions] == [480, 800, 1000]
    assert all(stored(name) for name in files_of(image))


def test_a_picture_needs_alt_text(editor):
    response = editor.post(ADD_URL, {"file": uploaded_image(), "alt_text": "", "caption": "", "credit": ""})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not LibraryImage.objects.exists()


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("notes.jpg", b"just some text"), "Upload a valid image"),
        (SimpleUploadedFile("cut.jpg", image_bytes("JPEG", size=(300, 300))[:900]), "damaged or incomplete"),
        (SimpleUploadedFile("x.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>'), "not an image"),
        (SimpleUploadedFile("scan.bmp", image_bytes("BMP")), "Upload a JPEG, PNG, WebP or GIF"),
    ],
)
def test_bad_uploads_get_a_clear_error_in_admin_and_in_the_chooser(editor, upload, message):
    response = editor.post(ADD_URL, {"file": upload, "alt_text": "Alt"})
    assert response.status_code == 200 and message in response.text
    upload.seek(0)
    response = editor.post(CHOOSER_URL, {"library-file": upload, "library-alt_text": "Alt"})
    assert response.status_code == 400 and message in response.text
    assert not LibraryImage.objects.exists()


def test_the_chooser_lists_and_searches_the_library(editor):
    make_library_image("Trucks at the Nogales crossing", caption="")
    make_library_image("Pills on a table", credit="DEA handout")
    page = editor.get(CHOOSER_URL).text
    assert "Trucks at the Nogales crossing" in page and "Pills on a table" in page
    assert 'role="search"' in page and 'name="library-file"' in page
    found = editor.get(CHOOSER_URL, {"q": "dea pills"}).text
    assert "Pills on a table" in found and "Trucks" not in found
    assert "No image matches “zebra”." in editor.get(CHOOSER_URL, {"q": "zebra"}).text


def test_uploading_from_the_chooser_returns_the_figure_to_insert(editor):
    response = editor.post(
        CHOOSER_URL,
        {
            "library-file": uploaded_image("photo.png", size=(1200, 900)),
            "library-alt_text": "A seized pill press",
            "library-caption": "Seized in Sonora.",
            "library-credit": "FGR",
        },
    )
    assert response.status_code == 201
    image = LibraryImage.objects.get()
    assert response.json() == {
        "id": image.pk,
        "src": f"/admin/articles/libraryimage/{image.pk}/picture/",
        "alt": "A seized pill press",
        "caption": "Seized in Sonora.",
        "width": 800,
        "height": 600,
    }
    assert image.uploaded_by == editor.user


def test_contributors_upload_and_choose_but_moderators_cannot_open_the_chooser(client):
    make_library_image()
    client.force_login(make_user("writer", groups=["Contributors"], is_staff=True))
    assert client.get(CHOOSER_URL).status_code == 200
    assert (
        client.post(CHOOSER_URL, {"library-file": uploaded_image(), "library-alt_text": "A"}).status_code
        == 201
    )
    client.force_login(make_user("mod", groups=["Moderators"], is_staff=True))
    assert client.get(CHOOSER_URL).status_code == 403
    assert (
        client.post(CHOOSER_URL, {"library-file": uploaded_image(), "library-alt_text": "A"}).status_code
        == 403
    )


def test_the_editor_shows_a_figure_through_its_current_rendition(editor, client):
    image = make_library_image()
    response = editor.get(reverse("admin:articles_libraryimage_picture", args=[image.pk]))
    assert response.status_code == 302 and response["Location"].endswith(image.renditions[1]["name"])
    client.logout()
    assert (
        "/admin/login/"
        in client.get(reverse("admin:articles_libraryimage_picture", args=[image.pk]))["Location"]
    )


def test_readers_see_a_figure_with_renditions_caption_and_credit(client):
    image = make_library_image()
    story = make_story(body="<p>Before.</p>" + figure_html(image, caption="Seized on <em>June 23</em>."))
    page = client.get(story.get_absolute_url()).text
    figure = re.search(r"<figure class=\"figure\">\s*<picture>.*?</figure>", page, re.DOTALL)[0]
    renditions_url = default_storage.url("renditions/")  # /media/… on disk, the media domain on S3
    assert f'<source type="image/webp" srcset="{renditions_url}' in figure and " 480w, " in figure
    assert 'sizes="(min-width: 48rem) 46rem, 100vw"' in figure
    assert f'<img src="{image.file.url}" alt="Pills laid out on a table" width="1000" height="600"' in figure
    assert (
        '<figcaption>Seized on <em>June 23</em>. <span class="credit">Credit: Newsroom photo</span>' in figure
    )
    assert "/admin/" not in page.split('<article class="story"', 1)[1].split("</article>", 1)[0]


def test_a_figure_without_its_own_caption_shows_the_librarys(client):
    image = make_library_image(caption="From the library.", credit="")
    story = make_story(body=figure_html(image, caption="", alt=""))
    page = client.get(story.get_absolute_url()).text
    assert "<figcaption>From the library.</figcaption>" in page
    assert 'alt="Pills laid out on a table"' in page


def test_figures_cost_one_query_however_many_a_page_shows(client):
    one = make_story(body=figure_html(make_library_image()))
    many = make_story(body="".join(figure_html(make_library_image()) for _ in range(3)))
    for n in range(3):
        RoundupItem.objects.create(
            story=many, position=n, headline=f"Item {n}", body=figure_html(make_library_image())
        )

    def count(story):
        with CaptureQueriesContext(connection) as captured:
            page = client.get(story.get_absolute_url()).text
        return len(captured), page.count("<picture>")

    assert count(one) == (count(many)[0], 1)
    assert count(many)[1] == 6


def test_feeds_show_library_figures(client):
    image = make_library_image()
    make_story(body=figure_html(image))
    feed = client.get("/feeds/atom/").text
    assert "&lt;picture&gt;" in feed and image.renditions[0]["name"] in feed


def test_a_picture_in_a_story_cannot_be_deleted(editor):
    image = make_library_image()
    story = make_story("Seizure in Nogales", status="draft", body="<p>Text</p>")
    RoundupItem.objects.create(story=story, headline="Item", body=figure_html(image))
    response = editor.get(reverse("admin:articles_libraryimage_delete", args=[image.pk]), follow=True)
    assert response.status_code == 200
    assert (
        "is in the story “Seizure in Nogales”. Take it out of the story before deleting it." in response.text
    )
    response = editor.post(
        reverse("admin:articles_libraryimage_changelist"),
        {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"},
        follow=True,
    )
    assert "Take it out of the story before deleting it." in response.text
    assert LibraryImage.objects.filter(pk=image.pk).exists()
    assert all(stored(name) for name in files_of(image))


def test_deleting_an_unused_picture_removes_its_files(editor, django_capture_on_commit_callbacks):
    image = make_library_image()
    names = files_of(image)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("admin:articles_libraryimage_delete", args=[image.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not LibraryImage.objects.exists()
    assert not any(stored(name) for name in names)


def test_replacing_a_picture_removes_the_old_files_and_readers_see_the_new_one(
    editor, client, django_capture_on_commit_callbacks
):
    image = make_library_image()
    story = make_story(body=figure_html(image))
    old = files_of(image)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("admin:articles_libraryimage_change", args=[image.pk]),
            {
                "file": uploaded_image("new.png", size=(600, 400)),
                "alt_text": "New",
                "caption": "",
                "credit": "",
            },
        )
    assert response.status_code == 302
    image.refresh_from_db()
    assert not any(stored(name) for name in old)
    assert all(stored(name) for name in files_of(image))
    page = client.get(story.get_absolute_url()).text
    assert image.renditions[0]["name"] in page and old[1] not in page


def test_the_library_list_shows_thumbnails_and_finds_by_caption(editor):
    make_library_image("Trucks", caption="The crossing at Nogales")
    make_library_image("Pills", caption="A table of pills")
    page = editor.get(reverse("admin:articles_libraryimage_changelist"), {"q": "crossing"}).text
    assert 'class="library-thumbnail"' in page and "Trucks" in page and "A table of pills" not in page


def test_the_change_page_lists_the_stories_using_a_picture(editor):
    image = make_library_image()
    story = make_story("Where it is used", body=figure_html(image))
    page = editor.get(reverse("admin:articles_libraryimage_change", args=[image.pk])).text
    assert reverse("admin:articles_story_change", args=[story.pk]) in page and "Where it is used" in page
