"""Story search: PostgreSQL full-text search with ranking, a plain fallback elsewhere."""

import re
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchVector,
    SearchVectorCombinable,
    SearchVectorField,
)
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Func, Q, Value, Window
from django.db.models.expressions import RawSQL
from django.utils import timezone

from articles.models import Story
from articles.pagination import capped_count

# "simple" does not stem, so English and Spanish text are matched alike. The vector is
# stored in Story.search_vector (GIN-indexed on PostgreSQL).
SEARCH_CONFIG = "simple"

# Only the most recent matches are ranked (ten pages), so a word found in thousands of
# stories costs little more than one found in a hundred; the count stops here too. One
# more is fetched: it tells that more stories match.
RANKED_MATCHES = 200

# The most recent matches are found a year at a time, newest first, and the search stops
# at the year that completes them: it reads about a year's matches, not the archive's.
# Each vector holds a lexeme naming the story's publication year in UTC ("_y2026"), which
# no search text can produce (the parser drops "_"), so the index finds a word in one year
# by itself. Years older than these are searched together, rarely: only when these hold
# fewer than RANKED_MATCHES + 1 matches, which are then few.
YEARS_SEARCHED_ONE_BY_ONE = 10


class PublicationYearLexeme(SearchVectorCombinable, Func):
    """A vector holding the story's year lexeme (empty before it has a publication time)."""

    template = (
        "COALESCE(('_y' || EXTRACT(YEAR FROM %(expressions)s AT TIME ZONE 'UTC')::int)::tsvector, "
        "''::tsvector)"
    )
    output_field = SearchVectorField()
    config = None

    def __init__(self):
        super().__init__(F("published_at"))


class InYear(SearchQuery):
    """The query "published in `year`": its lexeme as it is, not through the parser."""

    def __init__(self, year):
        self.lexeme = f"_y{year:d}"
        super().__init__(self.lexeme)

    def as_sql(self, compiler, connection, **extra_context):
        return "%s::tsquery", [self.lexeme]


DOCUMENT_VECTOR = (
    SearchVector("headline", weight="A", config=SEARCH_CONFIG)
    + SearchVector("search_document", weight="D", config=SEARCH_CONFIG)
    + PublicationYearLexeme()
)


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
    if not settings.DATABASE_IS_POSTGRES:
        return matching_stories(query).for_listing().latest_first()
    recent = _most_recent_matches(query)
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


def _most_recent_matches(query):
    """SQL for the ids of the RANKED_MATCHES + 1 most recent public stories matching
    `query`: one branch per year, newest first, then one for the years before; PostgreSQL
    runs a branch only while the ones before it have not returned enough rows."""
    now = timezone.now()
    newest = now.astimezone(UTC).year
    years = range(newest, newest - YEARS_SEARCHED_ONE_BY_ONE, -1)
    # Two conditions, not one query: a query without words (punctuation) matches nothing,
    # whereas ANDed to the year it would leave the year alone, matching all its stories.
    found_in_year = [Q(search_vector=_search_query(query)) & Q(search_vector=InYear(year)) for year in years]
    before_those = Q(
        search_vector=_search_query(query), published_at__lt=datetime(years[-1], 1, 1, tzinfo=UTC)
    )
    branches = []
    for condition in [*found_in_year, before_those]:
        stories = Story.objects.published(now).filter(condition).order_by("-published_at", "-pk")
        branches.append(stories.values("pk")[: RANKED_MATCHES + 1].query.sql_with_params())
    sql = " UNION ALL ".join(f"({branch_sql})" for branch_sql, _params in branches)
    params = [param for _sql, branch_params in branches for param in branch_params]
    return RawSQL(f"SELECT * FROM ({sql}) AS recent LIMIT {RANKED_MATCHES + 1}", params)


def _search_query(query):
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
