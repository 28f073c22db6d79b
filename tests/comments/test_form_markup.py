"""The comment form's markup that readers and screen readers rely on: labels, required marks,
errors tied to their fields, and everything typed given back after a failed post."""

from html.parser import HTMLParser

import pytest
from django.forms.boundfield import BoundField

from comments.form_html import field_group_html, widget_html
from comments.forms import CommentForm
from comments.reports import ReportForm
from comments.views_readers import OwnEditForm
from corrections.report_forms import ErrorReportForm
from tests.comments.helpers import form_data, make_comment, post_comment

pytestmark = pytest.mark.django_db


class CommentFormMarkup(HTMLParser):
    """The named controls (with a textarea's text), labels and ids inside `#comment-form`,
    with character references decoded as a browser would."""

    def __init__(self, html):
        super().__init__()
        self.controls, self.labels, self.ids = {}, {}, set()
        self._inside = False
        self._textarea = self._label = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._inside = attrs.get("id") == "comment-form"
        if not self._inside:
            return
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag in ("input", "textarea") and "name" in attrs:
            self.controls[attrs["name"]] = attrs
        if tag == "textarea":
            self._textarea = attrs
            attrs["text"] = ""
        if tag == "label":
            self._label = attrs["for"]
            self.labels[self._label] = ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data
        if self._label is not None:
            self.labels[self._label] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        self._textarea = None if tag == "textarea" else self._textarea
        self._label = None if tag == "label" else self._label


def described_by(markup, control):
    return control.get("aria-describedby", "").split()


def test_every_field_has_a_label_and_required_fields_are_marked(client, story):
    markup = CommentFormMarkup(client.get(story.get_absolute_url()).text)
    visible = {name: c for name, c in markup.controls.items() if c.get("type") != "hidden"}
    assert set(visible) == {"name", "email", "website", "text", "notify", "subject"}
    for name, control in visible.items():
        assert control["id"] in markup.labels, name
    required = {name for name, control in visible.items() if "required" in control}
    assert required == {"name", "email", "text"}
    for name, control in visible.items():
        assert markup.labels[control["id"]].endswith(" *") == (name in required), name
    assert markup.labels["cf-text"] == "Comment *"
    # Help text is announced with its field; nothing is marked invalid before a post.
    assert described_by(markup, visible["website"]) == ["cf-website_helptext"]
    assert "cf-website_helptext" in markup.ids
    assert not any("aria-invalid" in control for control in visible.values())
    # The honeypot is out of the tab order and never autofilled; the token rides along.
    assert (visible["subject"]["tabindex"], visible["subject"]["autocomplete"]) == ("-1", "off")
    assert markup.controls["token"]["value"] and "value" not in markup.controls["reply_to"]


def test_a_reply_link_fills_in_the_hidden_reply_target(client, story):
    parent = make_comment(story, name="Lucía")
    page = client.get(f"{story.get_absolute_url()}?reply_to={parent.pk}").text
    assert CommentFormMarkup(page).controls["reply_to"]["value"] == str(parent.pk)
    assert f'Replying to <a href="#comment-{parent.pk}">Lucía</a>' in page


def test_a_failed_post_gives_back_everything_the_reader_typed(client, story):
    parent = make_comment(story)
    typed = {
        "name": 'Ana "<Reader>"',
        "email": "ana@example",
        "website": "https://example.org/?a=1&b=2",
        "text": 'Keep <b>this</b> & "that",\nall of it.',
        "reply_to": str(parent.pk),
        "notify": "on",
    }
    response = post_comment(client, story, **typed)
    assert response.status_code == 400
    controls = CommentFormMarkup(response.text).controls
    for name in ("name", "email", "website", "reply_to"):
        assert controls[name]["value"] == typed[name], name
    assert controls["text"]["text"] == "\n" + typed["text"]  # a browser drops the first newline
    assert "checked" in controls["notify"]
    assert "value" not in controls["subject"]
    assert controls["token"]["value"]


def test_each_error_is_tied_to_its_field_and_listed_with_a_link_to_it(client, story):
    response = post_comment(client, story, name="", email="not-an-email", website="not a site")
    markup = CommentFormMarkup(response.text)
    for name, error in [
        ("name", "This field is required."),
        ("email", "Enter a valid email address."),
        ("website", "Enter a valid URL."),
    ]:
        control = markup.controls[name]
        assert control["aria-invalid"] == "true", name
        assert f"cf-{name}_error" in described_by(markup, control)
        assert all(id_ in markup.ids for id_ in described_by(markup, control))
        assert f'<p class="error" id="cf-{name}_error">{error}' in response.text
        assert f'<a href="#cf-{name}">' in response.text
    assert described_by(markup, markup.controls["website"])[0] == "cf-website_helptext"
    assert "aria-invalid" not in markup.controls["text"]


def readers_forms(story):
    """The readers' forms, empty and after a bad post, as the pages render them."""
    parent = make_comment(story)
    bad = form_data(story, name="", email="x", website="<javascript:>", text="a & b\n", notify="on")
    yield CommentForm.for_page(story, {"reply_to": str(parent.pk)})
    yield CommentForm(bad, story=story)
    yield ErrorReportForm(story=story)
    yield ErrorReportForm({"what_is_wrong": "", "item": "9", "source_url": "x"}, story=story)
    yield ReportForm({"reason": "", "note": "<i>why</i>"}, comment=parent)
    yield OwnEditForm({"text": ""})


def test_fields_render_as_djangos_own_widget_templates_would(story):
    # Written in Python for speed; a Django upgrade that changes its widgets' markup (a new
    # ARIA attribute, say) must show here rather than silently go missing for readers.
    for form in readers_forms(story):
        for field in form:
            assert widget_html(field) == BoundField.as_widget(field), field.html_name
            assert str(field) == BoundField.as_widget(field), field.html_name
            assert BoundField.as_widget(field) in field_group_html(field)
