import pytest

from tests.factories import make_story


@pytest.fixture(autouse=True)
def comment_settings(settings):
    """Tokens made by the helpers are 10 s old; these are the documented defaults."""
    settings.COMMENT_TOKEN_MIN_AGE = 2
    settings.COMMENT_TOKEN_MAX_AGE = 24 * 3600
    settings.COMMENTS_RATE_LIMIT = 5
    settings.COMMENTS_RATE_WINDOW = 600
    settings.COMMENTS_MAX_LINKS = 2
    settings.COMMENTS_THREAD_DEPTH = 3
    settings.COMMENTS_PER_PAGE = 50
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    settings.COMMENTS_TRUST_RETURNING = False
    settings.COMMENTS_RETENTION_DAYS = 90
    settings.COMMENTS_NOTIFY_EMAILS = []
    settings.COMMENTS_NOTIFY_INTERVAL = 900
    settings.TRUSTED_PROXY_COUNT = 0
    return settings


@pytest.fixture
def story():
    return make_story("Border operation", tags=["border"])
