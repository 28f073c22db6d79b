import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Author, Category, Correction, RoundupItem, Source, Story
from tests.conftest import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db

SEED_SLUG = "joint-us-mexico-operation-dismantles-nogales-fentanyl-network"


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Story, Category, Author, RoundupItem, Source, Correction, get_user_model())
    }


@pytest.fixture
def demo(demo_newsroom):
    return demo_newsroom


def test_running_the_demo_twice_creates_nothing_twice(demo):
    first = counts()
    load_demo()
    assert counts() == first
    assert first["Story"] >= 13


def test_seed_story_is_rebuilt_with_its_facts(demo, client):
    story = Story.objects.get(slug=SEED_SLUG)
    assert story.category_path == "Crime and Violence · Organized Crime"
    assert [a.name for a in story.authors.all()] == ["vmateoszuniga"]
    assert story.published_at.date().isoformat() == "2023-07-13"
    items = list(story.items.all())
    assert len(items) == 3 and all(item.source_line for item in items)
    assert "U.S. Embassy in China" in [item.source_line for item in items]
    outlets = {s.outlet: s.language for s in story.sources.all()}
    assert outlets["El Universal"] == "es" and outlets["Aristegui Noticias"] == "es"
    assert outlets["U.S. Department of Justice"] == "en"
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200 and "120,000" in page.text


def test_every_listing_has_content(demo):
    for category in Category.objects.all():
        assert Story.objects.published().in_category(category).exists(), category
    months = Story.objects.published().datetimes("published_at", "month")
    assert len(months) >= 6


def test_demo_accounts_can_log_in_with_the_given_password(demo, client):
    for username in ("editor", "moderator", "contributor"):
        assert client.login(username=username, password=DEMO_PASSWORD)
    user = get_user_model().objects.get(username="editor")
    assert user.has_perm("articles.publish_story")
    assert not get_user_model().objects.get(username="contributor").has_perm("articles.publish_story")


def test_generated_password_is_kept_and_reused(settings, tmp_path, monkeypatch, capsys):
    settings.VAR_DIR = tmp_path
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("load_demo")
    call_command("load_demo")
    kept = (tmp_path / "demo_password").read_text().strip()
    output = capsys.readouterr().out
    assert output.count(f"password: {kept}") == 6
    from django.contrib.auth import authenticate

    assert authenticate(username="editor", password=kept)


def test_without_demo_password_existing_accounts_keep_their_passwords(
    demo, settings, tmp_path, monkeypatch, capsys
):
    settings.VAR_DIR = tmp_path / "elsewhere"  # as after a clean-up that lost var/demo_password
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("load_demo")
    output = capsys.readouterr().out
    from django.contrib.auth import authenticate

    for username in ("editor", "moderator", "contributor"):
        assert authenticate(username=username, password=DEMO_PASSWORD)
    assert f"kept in {tmp_path / 'elsewhere' / 'demo_password'}" in output
    assert output.count("(kept: its password was changed after the demo set it)") == 3


def test_demo_password_replaces_the_accounts_passwords_and_says_where_it_lives(demo, monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-password")
    call_command("load_demo")
    output = capsys.readouterr().out
    from django.contrib.auth import authenticate

    assert authenticate(username="moderator", password="another-demo-password")
    assert not authenticate(username="moderator", password=DEMO_PASSWORD)
    assert "the password is the DEMO_PASSWORD environment variable" in output
