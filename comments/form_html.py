"""Form fields' HTML built in Python, the markup of Django's widget templates without them.

Rendering a field through the form renderer (widget template, its included `input.html` and
`attrs.html`) cost the story page more than any other piece of template work, for a dozen
short tags. The functions here write the same markup directly. Django still decides what
goes in it: the attributes (`required`, `aria-invalid`, `aria-describedby`), the value kept
after a failed post and the ticked box come from the widget's own `get_context`, exactly as
the templates would receive them. Widgets these functions do not know (selects, radio
buttons, anything with its own template) are rendered by Django as before.

Nothing is kept between calls: every field is written from the form in hand.
"""

import html

from django.forms.boundfield import BoundField
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe

REQUIRED_MARK = mark_safe(' <span class="required" aria-hidden="true">*</span>')


def escape(value):
    """Django's `conditional_escape` (safe strings kept, the rest escaped) without the check
    for lazy arguments around `django.utils.html.escape`, which cost more than the escaping."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _as_string(value):
    # The templates print attribute values through `stringformat:'s'`, which keeps safe strings safe.
    return value if isinstance(value, SafeData) else f"{value}"


def _attrs_html(attrs):
    """Django's `attrs.html`: `name="value"`, a bare name for True, nothing for False."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(_as_string(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input_html(widget):
    """Django's `input.html`: the value only when there is one."""
    value = "" if widget["value"] is None else f' value="{escape(_as_string(widget["value"]))}"'
    attrs = _attrs_html(widget["attrs"])
    return mark_safe(f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}{attrs}>')


def _textarea_html(widget):
    """Django's `textarea.html`: a line break after the opening tag, which browsers drop."""
    text = escape(widget["value"]) if widget["value"] else ""
    attrs = _attrs_html(widget["attrs"])
    return mark_safe(f'<textarea name="{escape(widget["name"])}"{attrs}>\n{text}</textarea>')


# Django's widget templates written here; those of the input widgets each include `input.html`.
_MARKUP = {
    **{
        f"django/forms/widgets/{name}.html": _input_html
        for name in ("text", "email", "url", "number", "search", "tel", "password", "hidden", "checkbox")
    },
    "django/forms/widgets/textarea.html": _textarea_html,
}


def widget_html(field):
    """The HTML of bound `field`'s widget, the same as `{{ field }}` renders."""
    widget = field.field.widget
    markup = _MARKUP.get(widget.template_name)
    if markup is None or field.field.show_hidden_initial:
        return mark_safe(BoundField.__str__(field))
    # What `BoundField.as_widget` hands the widget template.
    if field.field.localize:
        widget.is_localized = True
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return markup(widget.get_context(field.html_name, field.value(), attrs)["widget"])


def field_group_html(field):
    """A reader's form field: its label (marked when required), widget, help text and errors.

    The ids of the help text and the error are the ones Django names in the widget's
    `aria-describedby`.
    """
    required = REQUIRED_MARK if field.field.required else ""
    help_text = (
        format_html('<p class="help" id="{}_helptext">{}</p>', field.auto_id, field.help_text)
        if field.help_text
        else ""
    )
    errors = field.errors
    error = (
        format_html(
            '<p class="error" id="{}_error">{}</p>', field.auto_id, mark_safe(" ".join(map(escape, errors)))
        )
        if errors
        else ""
    )
    return format_html(
        '<div class="field">\n  <label for="{}">{}{}</label>\n  {}\n  {}\n  {}\n</div>\n',
        field.id_for_label,
        field.label,
        required,
        widget_html(field),
        help_text,
        error,
    )


class PythonRenderedBoundField(BoundField):
    """A bound field whose `{{ field }}` is written by `widget_html`, for forms on busy pages."""

    def __str__(self):
        return widget_html(self)

    __html__ = __str__
