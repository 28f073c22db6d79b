"""The editors' admin: stories with their items, sources, bylines and notices; categories,
authors, cited sources, old addresses and the image library. Importing the modules
registers their admins."""

from articles.admin import catalogue, library, stories  # noqa: F401
