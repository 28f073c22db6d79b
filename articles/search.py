"""Story search: PostgreSQL full-text search with ranking, a plain fallback elsewhere."""

import re

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Value, Window

from articles.models import Story
from articles.pagination import capped_count

# "simple" does not stem, so English and Spanish text are matched alike. The vector is
# stored in Story.search_vector (GIN-indexed on PostgreSQL).
SEARCH_CONFIG = "simple"
DOCUMENT_VECTOR = SearchVector("headline", weight="A", config=SEARCH_CONFIG) + SearchVector(
    "search_document", weight="D", config=SEARCH_CONFIG
)

# Only the most recent matches are ranked (ten pages), so a word found in thousands of
# stories costs little more than one found in a hundred; the count stops here too. One
# more is fetched: it tells that more stories match.
RANKED_MATCHES = 200


def matching_stories(query):
    """Published stories matching `query`, in no particular order (for counting)."""
    stories = Story.objects.published()
    if settings.DATABASE_IS_POSTGRES:
        return stories.filter(search_vector=_search_query(query))
    condition = Q()
    for word in query.split()[:10]:
        condition &= Q(search_document__icontains=word)
    return stories.filter(condition)


def search_stories(query):
    """Published stories matching `query`, best matches first: on PostgreSQL, of the
    RANKED_MATCHES most recent matches, those whose headline holds every searched word,
    then the others, newest first in each; each row carries `match_count`."""
    matches = matching_stories(query)
    if not settings.DATABASE_IS_POSTGRES:
        return matches.for_listing().latest_first()
    recent = matches.order_by("-published_at", "-pk").values("pk")[: RANKED_MATCHES + 1]
    # The headline is read from the row, not from the stored vector, which is large and
    # would be decompressed for every candidate; the count comes with the page's rows.
    return (
        Story.objects.filter(pk__in=recent)
        .for_listing()
        .annotate(headline_match=_headline_holds_every_word(query), match_count=Window(Count("pk")))
        .order_by("-headline_match", "-published_at", "-pk")
    )


def match_count(query, page):
    """How many stories match `query`, counted up to RANKED_MATCHES + 1 only."""
    if settings.DATABASE_IS_POSTGRES:
        return page.object_list[0].match_count if page.object_list else 0
    return capped_count(matching_stories(query), RANKED_MATCHES)


def searched_words(query):
    """The words a story must hold, as web search syntax reads `query`: not the excluded
    ("-word") ones, nor "or"."""
    words = []
    for chunk in query.replace('"', " ").split():
        if not chunk.startswith("-") and chunk.lower() != "or":
            words += re.findall(r"\w+", chunk)
    return words[:10]


def _headline_holds_every_word(query):
    words = searched_words(query)
    if not words:
        return Value(False)
    # \m and \M: whole words, as the index matches them ("port" is not in "report").
    condition = Q()
    for word in words:
        condition &= Q(headline__iregex=rf"\m{word}\M")
    return ExpressionWrapper(condition, output_field=BooleanField())


def _search_query(query):
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
