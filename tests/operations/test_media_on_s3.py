"""Media on an S3-compatible bucket: the image pipeline end to end against the suite's own S3
server (tests/s3.py). The whole image and archived-copy suites also run there in CI
(MEDIA_TEST_STORAGE=s3)."""

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from articles.models import LibraryImage
from tests import s3
from tests.articles.library import make_library_image
from tests.factories import make_story, uploaded_image
from tests.test_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db


def test_an_upload_and_its_renditions_land_in_the_bucket_and_are_served_from_the_media_domain(s3_bucket):
    story = make_story(image=uploaded_image("photo.png", size=(900, 500)), image_alt="Trucks")
    names = [story.image.name, *(r["name"] for r in story.image_renditions)]
    assert s3.stored_keys(s3_bucket) == sorted(names)
    with default_storage.open(story.image_renditions[0]["name"]) as file, Image.open(file) as rendition:
        assert rendition.format == "WEBP" and rendition.width == 480
    url = story.image.url
    assert url.startswith(f"https://{s3.CUSTOM_DOMAIN}/images/")
    assert "Signature" not in url and "X-Amz" not in url  # a private bucket behind a public domain


def test_objects_are_stored_without_acls(s3_bucket):
    story = make_story(image=uploaded_image("photo.png"))
    grants = s3.bucket_client().get_object_acl(Bucket=s3_bucket, Key=story.image.name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]  # the owner only, nothing public


def test_deleting_a_library_picture_removes_its_objects(s3_bucket, django_capture_on_commit_callbacks):
    image = make_library_image()
    assert len(s3.stored_keys(s3_bucket)) == 1 + len(image.renditions)
    with django_capture_on_commit_callbacks(execute=True):
        LibraryImage.objects.filter(pk=image.pk).delete()
    assert s3.stored_keys(s3_bucket) == []


def test_the_story_page_and_its_structured_data_point_at_the_media_domain(s3_bucket, client):
    story = make_story(image=uploaded_image("photo.png", size=(900, 500)), image_alt="Trucks")
    page = client.get(story.get_absolute_url()).text
    assert f'srcset="https://{s3.CUSTOM_DOMAIN}/renditions/' in page
    assert f'"url":"https://{s3.CUSTOM_DOMAIN}/renditions/' in page  # JSON-LD
    assert f'<meta property="og:image" content="https://{s3.CUSTOM_DOMAIN}/renditions/' in page
    assert "/media/" not in page


def settings_in_a_fresh_process(tmp_path, code, **env):
    result = manage("shell", "-c", code, env={**PRODUCTION, "VAR_DIR": str(tmp_path), **env})
    return result.returncode, (result.stdout.strip().splitlines() or [""])[-1], result.stderr


def test_media_storage_s3_is_configured_from_the_environment_and_allowed_by_the_csp(tmp_path):
    code = (
        "from django.conf import settings; from django.core.files.storage import storages; "
        "s = storages['default']; print(type(s).__name__, s.bucket_name, s.custom_domain, "
        "s.default_acl, s.querystring_auth, settings.SECURE_CSP['img-src'][-1])"
    )
    env = {
        "MEDIA_STORAGE": "s3",
        "MEDIA_S3_BUCKET": "newsroom-media",
        "MEDIA_S3_ENDPOINT_URL": "https://s3.example.net",
        "MEDIA_S3_CUSTOM_DOMAIN": "media.news.example.org",
    }
    code_status, line, stderr = settings_in_a_fresh_process(tmp_path, code, **env)
    assert code_status == 0, stderr
    assert line == "S3Storage newsroom-media media.news.example.org None False https://media.news.example.org"


def test_s3_without_a_bucket_or_an_unknown_storage_refuses_to_start(tmp_path):
    for storage, message in (("s3", "MEDIA_S3_BUCKET"), ("nfs", "MEDIA_STORAGE must be")):
        result = manage("check", env={**PRODUCTION, "VAR_DIR": str(tmp_path), "MEDIA_STORAGE": storage})
        assert result.returncode != 0 and message in result.stderr
