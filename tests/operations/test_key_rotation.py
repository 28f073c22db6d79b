"""Rotating SECRET_KEY: open comment forms stay valid through SECRET_KEY_FALLBACKS, and the
IP-address hashes keep matching through COMMENTS_IP_HASH_KEY (README "Rotating SECRET_KEY")."""

import pytest
from django.utils.crypto import salted_hmac

from comments.client import IP_HASH_SALT, ip_hash
from comments.models import Comment
from newsroom import login_guard
from tests.comments.helpers import form_data, post_comment
from tests.factories import make_story
from tests.test_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db

OLD_KEY, NEW_KEY = "old-secret-" + "o" * 50, "new-secret-" + "n" * 50


@pytest.fixture
def story():
    return make_story("Border operation")


def form_opened_before_the_rotation(settings, story):
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD_KEY, []
    data = form_data(story)
    settings.SECRET_KEY = NEW_KEY
    return data


def test_a_form_opened_before_the_rotation_is_accepted_with_the_old_key_as_fallback(client, story, settings):
    data = form_opened_before_the_rotation(settings, story)
    settings.SECRET_KEY_FALLBACKS = [OLD_KEY]
    assert post_comment(client, story, token=data["token"]).status_code == 302
    assert Comment.objects.count() == 1


def test_without_the_fallback_that_form_is_refused(client, story, settings):
    data = form_opened_before_the_rotation(settings, story)
    assert post_comment(client, story, token=data["token"]).status_code == 400
    assert not Comment.objects.exists()


def test_the_ip_hash_does_not_follow_secret_key(settings):
    settings.COMMENTS_IP_HASH_KEY = OLD_KEY
    settings.SECRET_KEY = OLD_KEY
    before = ip_hash("203.0.113.9")
    settings.SECRET_KEY = NEW_KEY
    assert ip_hash("203.0.113.9") == before


def test_the_login_guard_counts_survive_a_rotation(client, settings, rf):
    settings.COMMENTS_IP_HASH_KEY = OLD_KEY
    request = rf.post("/admin/login/", REMOTE_ADDR="203.0.113.9")
    login_guard.record_failure(request, "editor")
    settings.SECRET_KEY = NEW_KEY
    settings.LOGIN_SLOWDOWN_AFTER = 1
    assert login_guard.seconds_to_wait(request, "editor") > 0


def hash_in_a_fresh_process(tmp_path, **env):
    code = "from comments.client import ip_hash; print(ip_hash('203.0.113.9'))"
    result = manage("shell", "-c", code, env={**PRODUCTION, "VAR_DIR": str(tmp_path), **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_unset_the_key_gives_the_hashes_stored_before_it_existed_and_the_cut_over_keeps_them(tmp_path):
    stored_before = salted_hmac(IP_HASH_SALT, "203.0.113.9", secret=OLD_KEY, algorithm="sha256").hexdigest()
    assert hash_in_a_fresh_process(tmp_path, SECRET_KEY=OLD_KEY) == stored_before
    # The documented cut-over: the old key becomes COMMENTS_IP_HASH_KEY, then SECRET_KEY changes.
    after = hash_in_a_fresh_process(
        tmp_path, SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=OLD_KEY, COMMENTS_IP_HASH_KEY=OLD_KEY
    )
    assert after == stored_before
