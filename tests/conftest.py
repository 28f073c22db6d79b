import io

import pytest
from django.core.management import call_command

from tests import s3

DEMO_PASSWORD = "demo-password-for-tests"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions go to a temporary folder in every test, or with
    MEDIA_TEST_STORAGE=s3 to a fresh bucket on the suite's own S3 server."""
    settings.MEDIA_ROOT = tmp_path / "media"
    if s3.media_on_s3():
        s3.use_s3_media(settings)
    return settings.MEDIA_ROOT


@pytest.fixture
def s3_bucket(settings):
    """Media on a fresh bucket of the suite's S3 server (moto, on 127.0.0.1); its name."""
    return s3.use_s3_media(settings)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # The manifest storage needs collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def test_hosts(settings):
    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    settings.SITE_URL = "https://news.example.org"


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def demo_newsroom(settings, tmp_path, monkeypatch):
    """The demo newsroom from `load_demo`, with accounts that use DEMO_PASSWORD.

    One rendition width per picture: encoding three for every demo story would make each
    test that loads the demo seconds slower."""
    settings.VAR_DIR = tmp_path
    settings.IMAGE_RENDITION_WIDTHS = [480]
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    load_demo()
