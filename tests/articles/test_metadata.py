"""Metadata for search engines and social links: JSON-LD, canonical, OpenGraph."""

import json
from html.parser import HTMLParser

import pytest

from articles.models import Source
from tests.factories import make_author, make_category, make_story, uploaded_image

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self._in_ld = {}, {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "link":
            self.links.setdefault(attrs.get("rel"), []).append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_ld = False


def parse(html):
    parser = HeadParser()
    parser.feed(html)
    return parser


@pytest.fixture
def story():
    parent = make_category("Crime and Violence", slug="crime-and-violence")
    child = make_category("Organized Crime", parent=parent, slug="organized-crime")
    authors = [make_author("Ana Reporter", slug="ana"), make_author("Luis Editor", slug="luis")]
    story = make_story(
        "Joint operation </script><script>alert(1)</script>",
        category=child,
        authors=authors,
        tags=["fentanyl", "sanctions"],
        standfirst="Five arrested in Nogales.",
        image=uploaded_image("x.png", size=(1300, 700)),
        image_alt="Border crossing",
    )
    Source.objects.create(
        story=story,
        position=0,
        title="EU y México desmantelan red",
        outlet="El Universal",
        language="es",
        url="https://www.eluniversal.com.mx/x",
    )
    Source.objects.create(
        story=story,
        position=1,
        title="Treasury Sanctions Key Actors",
        outlet="U.S. Department of the Treasury",
        language="en",
    )
    story.add_notice("correction", "An earlier version gave the wrong date.")
    return story


def test_story_page_has_a_complete_news_article(client, story):
    page = parse(client.get(story.get_absolute_url()).text)
    graph = page.json_ld[0]["@graph"]
    article = next(node for node in graph if node["@type"] == "NewsArticle")
    assert article["headline"].startswith("Joint operation")
    assert article["description"] == "Five arrested in Nogales."
    assert article["datePublished"] and article["dateModified"] > article["datePublished"]
    assert [a["name"] for a in article["author"]] == ["Ana Reporter", "Luis Editor"]
    assert all(
        a["@type"] == "Person" and a["url"].startswith("https://news.example.org/author/")
        for a in article["author"]
    )
    assert article["publisher"]["@type"] == "Organization" and article["publisher"]["logo"]["url"].endswith(
        ".png"
    )
    assert article["articleSection"] == "Organized Crime"
    assert article["keywords"] == ["fentanyl", "sanctions"]
    assert article["image"] and all(
        image["url"].startswith("https://news.example.org/media/") and image["width"] and image["height"]
        for image in article["image"]
    )
    assert article["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "EU y México desmantelan red",
            "publisher": {"@type": "Organization", "name": "El Universal"},
            "inLanguage": "es",
            "url": "https://www.eluniversal.com.mx/x",
        },
        {
            "@type": "CreativeWork",
            "name": "Treasury Sanctions Key Actors",
            "publisher": {"@type": "Organization", "name": "U.S. Department of the Treasury"},
            "inLanguage": "en",
        },
    ]
    assert article["correction"][0]["text"] == "An earlier version gave the wrong date."
    crumbs = next(node for node in graph if node["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs][1:3] == ["Crime and Violence", "Organized Crime"]
    assert [c["position"] for c in crumbs] == [1, 2, 3, 4]


def test_headline_text_cannot_break_out_of_the_json_ld_script(client, story):
    html = client.get(story.get_absolute_url()).text
    assert "<script>alert(1)</script>" not in html


def test_story_page_has_canonical_opengraph_and_twitter_tags(client, story):
    page = parse(client.get(story.get_absolute_url()).text)
    url = "https://news.example.org" + story.get_absolute_url()
    assert page.links["canonical"][0]["href"] == url
    assert page.meta["og:type"] == "article" and page.meta["og:url"] == url
    assert page.meta["og:title"].startswith("Joint operation")
    assert page.meta["og:image"].startswith("https://news.example.org/media/renditions/")
    assert page.meta["twitter:card"] == "summary_large_image"
    assert page.meta["description"] == "Five arrested in Nogales."


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/category/organized-crime/",
        "/tag/fentanyl/",
        "/author/ana/",
        "/archive/",
        "/search/?q=operation",
    ],
)
def test_every_page_has_title_description_canonical_and_social_tags(client, story, url):
    html = client.get(url).text
    page = parse(html)
    assert "<title>" in html and page.meta["description"]
    assert page.links["canonical"][0]["href"].startswith("https://news.example.org/")
    for key in ("og:title", "og:description", "og:url", "og:site_name", "twitter:card"):
        assert page.meta.get(key), key
    feeds = [link for link in page.links.get("alternate", []) if "xml" in link["type"]]
    assert len(feeds) >= 2


def test_listing_pages_advertise_their_own_feeds(client, story):
    page = parse(client.get("/category/organized-crime/").text)
    hrefs = {link["href"] for link in page.links["alternate"]}
    assert {"/feeds/category/organized-crime/rss/", "/feeds/category/organized-crime/atom/"} <= hrefs
