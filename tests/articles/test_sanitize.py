import re

import pytest

from articles.models import RoundupItem
from newsroom.sanitize import clean_html, text_to_html
from tests.factories import make_story
from tests.hostile.markup import runnable_parts

# Vectors from the OWASP XSS filter evasion cheat sheet and sanitiser test suites.
XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",  # noqa: E501
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",  # noqa: E501
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JAVASCRIPT:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<img src=x onerror=alert(1)>",
    "<body onload=alert('XSS')>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+">',
    "<style>@import 'http://xss.example/xss.css';</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<scr<script>ipt>alert(1)</script>",
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    "<IMG SRC=\"javascript:alert('XSS')\"",
    '<a href="\\u006aavascript:alert(1)">x</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<div onmouseover="alert(1)">x</div>',
    '<a href="#" onclick="alert(1)">x</a>',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<textarea><script>alert(1)</script></textarea>",
]


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_rich_text_sanitiser_leaves_nothing_that_can_run(vector):
    assert runnable_parts(clean_html(vector)) == []


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_comment_text_renders_markup_as_text(vector):
    html = text_to_html(vector)
    assert runnable_parts(html) == []
    assert "<img" not in html and "<svg" not in html.lower()


def test_allowlisted_markup_survives():
    html = (
        '<h2>Sub</h2><p>A <a href="https://example.org/x" title="t">link</a>, <em>em</em>, '
        "<strong>strong</strong></p><ul><li>one</li></ul><blockquote>quote</blockquote>"
        '<figure><img src="https://example.org/a.jpg" alt="A"><figcaption>Cap</figcaption></figure>'
        "<table><tr><th>Seized</th></tr><tr><td>Fentanyl pills</td></tr></table>"
    )
    cleaned = clean_html(html)
    for fragment in [
        "<h2>Sub</h2>",
        'href="https://example.org/x"',
        "<em>em</em>",
        "<li>one</li>",
        "<blockquote>quote</blockquote>",
        "<figcaption>Cap</figcaption>",
    ]:
        assert fragment in cleaned
    # The editor makes no tables, so the site keeps none: their words stay, the markup goes.
    assert "Fentanyl pills" in cleaned
    assert "<table" not in cleaned and "<td" not in cleaned


def test_comment_urls_become_nofollow_links():
    html = text_to_html("See https://example.org/report for more.\n\nSecond paragraph.")
    assert 'href="https://example.org/report"' in html
    assert 'rel="nofollow ugc noopener"' in html
    assert html.count("<p>") == 2


@pytest.mark.django_db
def test_story_body_and_round_up_items_are_cleaned_when_saved():
    story = make_story(body='<p onclick="x()">Hi</p><script>alert(1)</script>')
    item = RoundupItem.objects.create(story=story, headline="Item", body="<img src=x onerror=alert(1)>ok")
    story.refresh_from_db()
    item.refresh_from_db()
    assert story.body == "<p>Hi</p>"
    assert "onerror" not in item.body


def test_only_the_sanitiser_module_imports_bleach():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    importers = [
        str(path.relative_to(root))
        for folder in ("newsroom", "articles", "comments")
        for path in (root / folder).rglob("*.py")
        if re.search(r"^\s*(import|from)\s+bleach", path.read_text(), re.MULTILINE)
    ]
    assert importers == ["newsroom/sanitize.py"]
