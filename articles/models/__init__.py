"""The newsroom's content: categories, authors, stories, round-up items, cited sources,
corrections, library images. Import them from here: `from articles.models import Story`."""

from articles.models.authors import Author, StoryAuthor
from articles.models.categories import (
    PATH_SEPARATOR,
    Category,
    CategoryQuerySet,
    children_by_parent,
    subtree_ids,
)
from articles.models.corrections import Correction, CorrectionQuerySet
from articles.models.fields import RichTextField, image_upload_to
from articles.models.library import LibraryImage, LibraryImageQuerySet, delete_stored_files
from articles.models.redirects import StoryRedirect
from articles.models.related import RelatedStory
from articles.models.renderings import StoryRendering
from articles.models.roundups import RoundupItem, Source, language_code_validator
from articles.models.stories import PUBLISHING_RULES, Story
from articles.models.story_queries import LISTING_SKIPS, StoryQuerySet

__all__ = [
    "LISTING_SKIPS",
    "PATH_SEPARATOR",
    "PUBLISHING_RULES",
    "RelatedStory",
    "Author",
    "Category",
    "CategoryQuerySet",
    "Correction",
    "CorrectionQuerySet",
    "LibraryImage",
    "LibraryImageQuerySet",
    "RichTextField",
    "RoundupItem",
    "Source",
    "Story",
    "StoryAuthor",
    "StoryQuerySet",
    "StoryRedirect",
    "StoryRendering",
    "children_by_parent",
    "delete_stored_files",
    "image_upload_to",
    "language_code_validator",
    "subtree_ids",
]
