"""Story search: PostgreSQL full-text search with ranking, a plain fallback elsewhere."""

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F, Q

from articles.models import Story

# "simple" does not stem, so English and Spanish text are matched alike. The vector is
# stored in Story.search_vector (GIN-indexed on PostgreSQL); a headline match counts most.
SEARCH_CONFIG = "simple"
DOCUMENT_VECTOR = SearchVector("headline", weight="A", config=SEARCH_CONFIG) + SearchVector(
    "search_document", weight="D", config=SEARCH_CONFIG
)


# Only the most recent matches are ranked, so a word found in thousands of stories costs no
# more to rank than one found in a thousand; the count of matches stops here too.
RANKED_MATCHES = 1000


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
    """Published stories matching `query`, best matches first: on PostgreSQL, the
    RANKED_MATCHES most recent matches by rank (a headline match counts most), then date."""
    matches = matching_stories(query)
    if not settings.DATABASE_IS_POSTGRES:
        return matches.for_listing().latest_first()
    recent = matches.order_by("-published_at", "-pk").values("pk")[:RANKED_MATCHES]
    return (
        Story.objects.filter(pk__in=recent)
        .for_listing()
        .annotate(rank=SearchRank(F("search_vector"), _search_query(query)))
        .order_by("-rank", "-published_at", "-pk")
    )


def _search_query(query):
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
