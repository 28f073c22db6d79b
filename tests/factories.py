"""Small helpers that make test data with sensible defaults."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Author, Category, Story, StoryAuthor

_counter = itertools.count(1)


def make_category(name=None, parent=None, **fields):
    n = next(_counter)
    name = name or f"Category {n}"
    return Category.objects.create(
        name=name, slug=fields.pop("slug", f"category-{n}"), parent=parent, **fields
    )


def make_author(name=None, **fields):
    n = next(_counter)
    return Author.objects.create(name=name or f"Author {n}", slug=fields.pop("slug", f"author-{n}"), **fields)


def make_story(
    headline=None,
    *,
    status=Story.Status.PUBLISHED,
    published_at=None,
    category=None,
    authors=None,
    tags=(),
    body="<p>Body text.</p>",
    **fields,
):
    """A story that passes the publishing rules unless told otherwise."""
    n = next(_counter)
    if published_at is None and status == Story.Status.PUBLISHED:
        published_at = timezone.now() - timedelta(seconds=n)
    story = Story.objects.create(
        headline=headline or f"Story number {n}",
        slug=fields.pop("slug", f"story-{n}"),
        status=status,
        published_at=published_at,
        primary_category=category or make_category(),
        body=body,
        **fields,
    )
    for position, author in enumerate(authors if authors is not None else [make_author()]):
        StoryAuthor.objects.create(story=story, author=author, position=position)
    if tags:
        story.tags.set(list(tags))
    return story


def image_bytes(fmt="PNG", size=(64, 48), color=(200, 30, 30), **save_options):
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, fmt, **save_options)
    return output.getvalue()


def uploaded_image(name="photo.png", fmt="PNG", size=(64, 48), **save_options):
    content_types = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
    return SimpleUploadedFile(
        name, image_bytes(fmt, size, **save_options), content_type=content_types.get(fmt, "")
    )


def make_user(username, *, groups=(), **fields):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username=username, password="a-long-test-password", **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user
