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


def search_stories(query):
    """Published stories matching `query`, best matches first."""
    stories = Story.objects.published().for_listing()
    if settings.DATABASE_IS_POSTGRES:
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        return (
            stories.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "-published_at", "-pk")
        )
    condition = Q()
    for word in query.split()[:10]:
        condition &= Q(search_document__icontains=word)
    return stories.filter(condition).latest_first()
