"""A moderator's decision reaches readers behind nginx's proxy cache at once: the app fetches
the story page through the refresh listener (deploy/nginx-cache-refresh.conf) once the
decision commits, and nginx keeps the new page in place of its copy. Real nginx with the
shipped snippets, in front of the live server."""

import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from bench.procs import free_port
from bench.session import nginx_config
from comments import moderation
from comments.models import Comment
from tests.comments.helpers import make_comment
from tests.factories import make_story

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(NGINX).exists(), reason="needs nginx (apt-get install nginx)"),
]


@pytest.fixture
def proxy(live_server, settings):
    """nginx in front of the live server: {"public": base URL, "refresh": base URL}."""
    # nginx's workers run as an unprivileged user when started as root: a folder they reach.
    tmp_path = Path(tempfile.mkdtemp(prefix="newsroom-nginx-"))
    tmp_path.chmod(0o755)
    for folder in ("tmp", "cache"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder).chmod(0o777)
    upstream = int(live_server.url.rsplit(":", 1)[1])
    ports = {name: free_port() for name in ("static", "public", "refresh")}
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_config(tmp_path, upstream, ports["static"], ports["public"], ports["refresh"]))
    server = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    settings.SITE_URL = "http://127.0.0.1"  # the host the readers below ask for
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    settings.PAGE_CACHE_SECONDS = 300  # both caches on
    bases = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    for _ in range(100):
        try:
            urllib.request.urlopen(bases["public"] + "/robots.txt", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    yield bases
    server.terminate()
    server.wait(10)
    shutil.rmtree(tmp_path, ignore_errors=True)


def read(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode(), response.headers.get("X-Cache-Status")


@pytest.fixture
def held(proxy):
    """A story whose page nginx holds, and a comment waiting for a moderator."""
    story = make_story("Border operation")
    make_comment(story, text="Already published.")
    waiting = make_comment(story, status=Comment.Status.PENDING, text="Waiting for a moderator.")
    page = proxy["public"] + story.get_absolute_url()
    read(page)
    body, status = read(page)
    assert status == "HIT" and "Waiting for a moderator." not in body
    return page, waiting


def test_an_approved_comment_is_on_the_page_nginx_serves_right_after_the_decision(proxy, held, settings):
    settings.PROXY_CACHE_REFRESH_URLS = [proxy["refresh"]]
    page, waiting = held
    moderation.approve(comments=Comment.objects.filter(pk=waiting.pk))
    body, status = read(page)
    assert "Waiting for a moderator." in body
    assert status == "HIT"  # from nginx's copy, refreshed by the app


def test_without_a_refresh_listener_nginx_serves_its_copy_until_it_expires(proxy, held, settings):
    settings.PROXY_CACHE_REFRESH_URLS = []
    page, waiting = held
    moderation.approve(comments=Comment.objects.filter(pk=waiting.pk))
    body, status = read(page)
    assert "Waiting for a moderator." not in body and status == "HIT"


def test_a_refresh_listener_that_does_not_answer_is_logged_and_the_decision_stands(held, settings, caplog):
    settings.PROXY_CACHE_REFRESH_URLS = [f"http://127.0.0.1:{free_port()}"]
    _, waiting = held
    moderation.approve(comments=Comment.objects.filter(pk=waiting.pk))
    assert Comment.objects.get(pk=waiting.pk).status == Comment.Status.APPROVED
    assert "could not refresh" in caplog.text
