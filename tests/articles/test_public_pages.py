"""What readers see: listings, story pages, redirects, search, error pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import RoundupItem, Source
from tests.factories import make_author, make_category, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    """A parent and child category, one author and tag, and one story of each visibility."""
    parent = make_category("Crime and Violence", slug="crime-and-violence")
    child = make_category("Organized Crime", parent=parent, slug="organized-crime")
    author = make_author("Ana Reporter", slug="ana-reporter")
    common = {"category": child, "authors": [author], "tags": ["fentanyl"]}
    now = timezone.now()
    return {
        "parent": parent,
        "child": child,
        "author": author,
        "public": make_story("Public story headline", published_at=now - timedelta(hours=3), **common),
        "hidden": [
            make_story("Draft story headline", status="draft", published_at=None, **common),
            make_story("Review story headline", status="review", published_at=None, **common),
            make_story(
                "Withdrawn story headline", status="withdrawn", published_at=now - timedelta(days=2), **common
            ),
            make_story("Scheduled story headline", published_at=now + timedelta(hours=5), **common),
        ],
    }


LISTINGS = [
    "/",
    "/category/crime-and-violence/",
    "/category/organized-crime/",
    "/tag/fentanyl/",
    "/author/ana-reporter/",
    "/search/?q=headline",
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/category/crime-and-violence/rss/",
    "/feeds/category/organized-crime/atom/",
    "/feeds/tag/fentanyl/rss/",
    "/feeds/author/ana-reporter/atom/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("url", LISTINGS)
def test_only_public_stories_appear_on_listings_feeds_and_sitemaps(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    public = newsroom["public"]
    assert public.headline in text or public.get_absolute_url() in text
    for story in newsroom["hidden"]:
        assert story.headline not in text
        assert story.get_absolute_url() not in text


def test_archive_pages_show_only_public_stories(client, newsroom):
    public = newsroom["public"]
    local = timezone.localtime(public.published_at)
    for url in [
        reverse("articles:archive_year", args=[local.year]),
        reverse("articles:archive_month", args=[local.year, local.month]),
    ]:
        text = client.get(url).text
        assert public.headline in text
        assert "Draft story headline" not in text and "Withdrawn story headline" not in text


def test_news_sitemap_lists_only_the_last_48_hours(client, newsroom):
    old = make_story("Old news", published_at=timezone.now() - timedelta(days=3))
    text = client.get("/news-sitemap.xml").text
    assert newsroom["public"].get_absolute_url() in text
    assert old.get_absolute_url() not in text
    assert "Scheduled story headline" not in text


def test_parent_category_page_includes_its_childrens_stories(client, newsroom):
    response = client.get(newsroom["parent"].get_absolute_url())
    assert "Public story headline" in response.text
    assert "Organized Crime" in response.text  # link to the child category


def test_story_page_shows_everything_the_story_has(client):
    story = make_story("Round-up", body="", tags=["sanctions", "fentanyl"])
    item = RoundupItem.objects.create(
        story=story,
        headline="Coalition launched",
        body="<p>Ninety countries.</p>",
        source_line="U.S. Embassy in China",
    )
    Source.objects.create(
        story=story,
        title="México y EU desmantelan red",
        outlet="Excélsior",
        language="es",
        url="https://www.excelsior.com.mx/nota",
    )
    story.add_notice("correction", "The launch was on July 7.")
    text = client.get(story.get_absolute_url()).text
    assert f'id="{item.anchor}"' in text and "Source: U.S. Embassy in China" in text
    assert 'hreflang="es"' in text and 'lang="es"' in text and "Excélsior" in text
    assert "The launch was on July 7." in text and "Updated" in text
    assert 'href="/tag/sanctions/"' in text
    assert '<a href="/author/' in text


def test_renamed_story_redirects_permanently_from_its_old_address(client):
    story = make_story("Original", slug="original-slug")
    story.slug = "better-slug"
    story.save()
    response = client.get("/story/original-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/story/better-slug/"
    story.slug = "original-slug"  # renaming back must not loop
    story.save()
    assert client.get("/story/original-slug/").status_code == 200
    assert client.get("/story/better-slug/")["Location"] == "/story/original-slug/"


def test_related_stories_are_published_and_share_a_tag(client):
    story = make_story("Main", tags=["border"])
    related = make_story("Sibling story", tags=["border"])
    make_story("Hidden sibling", tags=["border"], status="draft", published_at=None)
    text = client.get(story.get_absolute_url()).text
    assert related.headline in text and "Hidden sibling" not in text


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "%",
        "'; DROP TABLE articles_story; --",
        "ñandú ☃ \u202e",
        "a" * 5000,
        '"unbalanced',
        "OR AND NOT",
        "-",
        "<script>",
    ],
)
def test_search_with_odd_queries_gets_a_friendly_page(client, query):
    make_story("Fentanyl seizure in Nogales")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.text.split("</header>", 1)[-1]


def test_search_finds_words_in_headlines_and_round_up_items(client):
    story = make_story("Border operation", body="")
    RoundupItem.objects.create(
        story=story, headline="Sanctions", body="<p>Chapitos faction named.</p>", source_line="Treasury"
    )
    make_story("Unrelated trade story")
    text = client.get("/search/", {"q": "Chapitos"}).text
    assert "Border operation" in text and "Unrelated trade story" not in text
    assert "1 story matches" in text


@pytest.mark.parametrize(
    "url",
    [
        "/archive/2023/?page=5",
        "/category/nope/",
        "/tag/nope/",
        "/author/nope/",
        "/story/nope/",
        "/archive/2023/13/",
        "/archive/0/",
        "/search/?q=x&page=abc",
        "/search/?q=x&page=-1",
        "/search/?q=x&page=99999999999999999999",
        "/feeds/tag/nope/rss/",
    ],
)
def test_missing_pages_are_404_in_the_sites_look(client, url):
    make_story()
    response = client.get(url)
    assert response.status_code == 404
    if "feeds" not in url:
        assert "find that page" in response.text
        assert 'class="site-header"' in response.text


def test_server_error_page_is_in_the_sites_look_without_the_database(client, settings):
    from newsroom.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert settings.SITE_NAME.encode() in response.content


def test_listings_page_by_twenty_without_counting_the_archive(client):
    for n in range(25):
        make_story(f"Tagged story {n:02d}", tags=["border"])
    first = client.get("/tag/border/")
    assert first.text.count('class="card"') == 20 and 'rel="next"' in first.text
    second = client.get("/tag/border/", {"page": 2})
    assert (
        second.text.count('class="card"') == 5
        and 'rel="next"' not in second.text
        and 'rel="prev"' in second.text
    )
    assert client.get("/tag/border/", {"page": 3}).status_code == 404


def test_search_says_how_many_stories_match_up_to_a_cap(client, monkeypatch):
    for n in range(3):
        make_story(f"Remittances report {n}")
    assert "3 stories match" in client.get("/search/", {"q": "remittances"}).text
    monkeypatch.setattr("articles.search.RANKED_MATCHES", 2)
    assert "More than 2 stories match" in client.get("/search/", {"q": "report"}).text
