"""Author bios and correction notices were plain text, shown escaped; they are now rich text.
Each becomes the same words in paragraphs (and line breaks), so readers see no change.

Story bodies and round-up items stay as they are. Markup the site no longer keeps (the
allowlist now matches the editor: no tables, code, underline ...) is listed here, because
the next save of that story drops it (keeping its text).
"""

import html
import re

from django.db import migrations
from django.utils.html import strip_tags

# What the site keeps as of this migration (<b> and <i> become <strong> and <em>).
KEPT_TAGS = {
    "p", "h2", "h3", "h4", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote",
    "figure", "figcaption", "img", "br",
}  # fmt: skip
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")


def text_to_paragraphs(text):
    paragraphs = re.split(r"\n{2,}", text.replace("\r\n", "\n").strip())
    escaped = (html.escape(p.strip(), quote=False).replace("\n", "<br>") for p in paragraphs if p.strip())
    return "".join(f"<p>{paragraph}</p>" for paragraph in escaped)


def paragraphs_to_text(markup):
    markup = markup.replace("<br>", "\n").replace("</p><p>", "\n\n")
    return html.unescape(strip_tags(markup))


def convert(apps, change):
    for model_name, field in (("Author", "bio"), ("Correction", "text")):
        model = apps.get_model("articles", model_name)
        for pk, value in model.objects.exclude(**{field: ""}).values_list("pk", field):
            model.objects.filter(pk=pk).update(**{field: change(value)})


def report_markup_no_longer_kept(apps):
    Story = apps.get_model("articles", "Story")
    for story in Story.objects.only("pk", "headline", "body").prefetch_related("items"):
        found = set(TAG.findall(story.body))
        for item in story.items.all():
            found |= set(TAG.findall(item.body))
        dropped = sorted({tag.lower() for tag in found} - KEPT_TAGS)
        if dropped:
            print(f"  Story {story.pk} “{story.headline}”: its next save drops <{'>, <'.join(dropped)}>.")


def forwards(apps, schema_editor):
    convert(apps, text_to_paragraphs)
    report_markup_no_longer_kept(apps)


def backwards(apps, schema_editor):
    convert(apps, paragraphs_to_text)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_library_image_and_rich_text_lengths"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
