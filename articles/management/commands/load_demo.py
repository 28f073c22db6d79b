"""Load the demo newsroom. Running it again creates nothing twice."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from articles import demo_briefs, demo_content, demo_images, related
from articles.models import Author, Category, Source, Story, StoryAuthor
from comments.demo import load_demo_comments

DEMO_ACCOUNTS = [
    # username, role group, full name
    ("editor", "Editors", "Demo Editor"),
    ("moderator", "Moderators", "Demo Moderator"),
    ("contributor", "Contributors", "Demo Contributor"),
]


class Command(BaseCommand):
    help = "Load the demo newsroom: categories, authors, stories, images and demo accounts."

    def handle(self, *args, **options):
        with transaction.atomic():
            categories = self.load_categories(demo_content.CATEGORIES)
            authors = {
                data["slug"]: Author.objects.get_or_create(
                    slug=data["slug"], defaults={"name": data["name"], "bio": data["bio"]}
                )[0]
                for data in demo_content.AUTHORS
            }
            created = [
                data["slug"]
                for data in demo_content.STORIES + demo_briefs.STORIES
                if self.load_story(data, categories, authors)
            ]
            password, where = demo_password()
            given = bool(os.environ.get("DEMO_PASSWORD"))
            accounts = [
                self.load_account(*account, password=password, replace=given) for account in DEMO_ACCOUNTS
            ]
            load_demo_comments()
            related.refresh_all()  # in one pass, whatever order the stories were loaded in
        self.stdout.write(
            f"Demo newsroom: {len(created)} new stories "
            f"({Story.objects.count()} in all), {len(categories)} categories, {len(authors)} authors."
        )
        self.stdout.write(f"Demo accounts (log in at /admin/); the password is {where}:")
        for username, kept in accounts:
            note = " (kept: its password was changed after the demo set it)" if kept else ""
            self.stdout.write(f"  {username:<12} password: {password}{note}")

    def load_categories(self, tree, parent=None, found=None):
        found = {} if found is None else found
        for position, data in enumerate(tree):
            category, _ = Category.objects.get_or_create(
                slug=data["slug"],
                defaults={
                    "name": data["name"],
                    "description": data.get("description", ""),
                    "parent": parent,
                    "position": position,
                },
            )
            found[category.slug] = category
            self.load_categories(data.get("children", []), category, found)
        return found

    def load_story(self, data, categories, authors):
        """Create the story with its parts, unless a story with its slug already exists
        (which gets its illustration if a demo loaded before pictures were added lacks one)."""
        story = Story.objects.filter(slug=data["slug"]).first()
        if story is not None:
            if not story.image:
                self.illustrate(story, data, categories)
                story.save()
            return False
        story = Story(
            slug=data["slug"],
            headline=data["headline"],
            standfirst=data["standfirst"],
            body=data.get("body", ""),
            primary_category=categories[data["category"]],
            status=Story.Status.PUBLISHED,
            published_at=parse_datetime(data["published_at"]),
            comments_open=data.get("comments_open", True),
        )
        self.illustrate(story, data, categories)
        story.save()
        story.categories.set([categories[slug] for slug in data.get("secondary_categories", [])])
        story.tags.set(data.get("tags", []))
        for position, slug in enumerate(data["authors"]):
            StoryAuthor.objects.create(story=story, author=authors[slug], position=position)
        items = [
            story.items.create(position=position, **item)
            for position, item in enumerate(data.get("items", []))
        ]
        for position, source in enumerate(data.get("sources", [])):
            item_index = source.get("item")
            Source.objects.create(
                story=story,
                item=items[item_index] if item_index is not None else None,
                position=position,
                title=source["title"],
                outlet=source["outlet"],
                url=source.get("url", ""),
                language=source.get("language", "en"),
                published_on=parse_date(source["published_on"]) if source.get("published_on") else None,
            )
        for notice in data.get("corrections", []):
            story.add_notice(notice["kind"], notice["text"], at=parse_datetime(notice["date"]))
        return True

    def illustrate(self, story, data, categories):
        """Draw the story's illustration, with its alt text, caption and credit."""
        by_pk = {category.pk: category for category in categories.values()}
        section = categories[data["category"]]
        while section.parent_id:
            section = by_pk[section.parent_id]
        image = data.get("image") or {
            "alt": demo_images.describe(data["slug"], section.slug),
            "caption": f"An illustration for our {section.name.lower()} coverage.",
            "credit": "Newsroom illustration",
        }
        story.image_alt, story.image_caption, story.image_credit = (
            image["alt"],
            image["caption"],
            image["credit"],
        )
        drawing = demo_images.draw(data["slug"], section.slug, image.get("colors"))
        story.image.save(f"{data['slug']}.jpg", drawing, save=False)

    def load_account(self, username, group_name, full_name, *, password, replace):
        """Create the account with `password`. An existing account keeps its password unless
        `replace` (DEMO_PASSWORD was given); returns its name and whether it kept another one."""
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "is_staff": True,
                "first_name": full_name.split()[0],
                "last_name": full_name.split()[-1],
                "email": f"{username}@newsroom.example.org",
            },
        )
        kept = False
        if created or not user.has_usable_password() or (replace and not user.check_password(password)):
            user.set_password(password)
            user.save()
        else:
            kept = not user.check_password(password)
        group, _ = Group.objects.get_or_create(name=group_name)
        user.groups.add(group)
        return username, kept


def demo_password():
    """DEMO_PASSWORD, or one generated on the first run and kept under var/; and where it lives."""
    if os.environ.get("DEMO_PASSWORD"):
        return os.environ["DEMO_PASSWORD"], "the DEMO_PASSWORD environment variable"
    path = settings.VAR_DIR / "demo_password"
    if path.exists():
        return path.read_text().strip(), f"kept in {path}"
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password, f"kept in {path}"
