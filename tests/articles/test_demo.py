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


def test_every_demo_story_has_a_picture_with_alt_text_caption_and_credit(demo):
    stories = Story.objects.all()
    assert stories.count() >= 37
    for story in stories:
        assert story.image and story.image_renditions, story.slug
        assert story.image_alt.startswith(("Illustration: ", "Abstract illustration")), story.slug
        assert story.image_caption and story.image_credit == "Newsroom illustration", story.slug


def test_front_page_sections_are_full_and_a_category_and_a_tag_have_two_pages(demo, client):
    sections = Story.objects.published().grouped_by_section(per_section=4)
    assert len(sections) == 4 and all(len(s.latest_stories) == 4 for s in sections)
    for url in ["/category/crime-and-violence/", "/tag/us-mexico-cooperation/"]:
        first, second = client.get(url), client.get(url + "?page=2")
        assert first.status_code == 200 and second.status_code == 200, url
        assert first.text.count('<article class="card') == 20 and '<article class="card' in second.text, url


def test_a_demo_loaded_before_pictures_gets_them_on_the_next_run(demo):
    Story.objects.filter(slug=SEED_SLUG).update(image="", image_renditions=[])
    load_demo()
    story = Story.objects.get(slug=SEED_SLUG)
    assert story.image and story.image_renditions
    assert story.image_alt == "Abstract illustration in navy blue and rust red"


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
    settings.IMAGE_RENDITION_WIDTHS = [480]
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
