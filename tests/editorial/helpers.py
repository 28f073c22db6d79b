"""Submitting the story form as a browser would: every field the page holds, as it holds it."""

from html.parser import HTMLParser

from django.urls import reverse

from tests.factories import make_user


class _FormFields(HTMLParser):
    """The successful controls of the form with id `form_id`: (name, value) pairs."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea = self._select = None
        self._selected = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select, self._selected = name, []
        elif tag == "option" and self._select and "selected" in attrs:
            self._selected.append(attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            value = self._textarea[1]
            self.fields.append((self._textarea[0], value[1:] if value.startswith("\n") else value))
            self._textarea = None
        elif tag == "select" and self._select:
            self.fields += [(self._select, value) for value in self._selected]
            self._select = None


def form_fields(html, form_id="story_form"):
    parser = _FormFields(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return {
        name: values if len(values) > 1 or name in ("tags", "categories") else values[0]
        for name, values in data.items()
    }


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def open_form(client, story):
    """The story's change form as the page shows it: a dict ready to post back."""
    response = client.get(change_url(story))
    assert response.status_code == 200
    return form_fields(response.content.decode())


def staff_client(client_class, username, group="Editors"):
    client = client_class()
    client.force_login(make_user(username, groups=[group], is_staff=True))
    return client
