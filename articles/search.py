"""Story search: PostgreSQL full-text search with ranking, a plain fallback elsewhere."""

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Q

from articles.models import Story

# "simple" does not stem, so English and Spanish text are matched alike. Migration
# 0002 indexes exactly this expression on PostgreSQL; keep the two in step.
SEARCH_CONFIG = "simple"
SEARCH_VECTOR = SearchVector("search_document", config=SEARCH_CONFIG)
# Ranking runs only on the rows the index found; a headline match counts most.
RANK_VECTOR = SearchVector("headline", weight="A", config=SEARCH_CONFIG) + SearchVector(
    "search_document", weight="D", config=SEARCH_CONFIG
)


def search_stories(query):
    """Published stories matching `query`, best matches first."""
    stories = Story.objects.published().for_listing()
    if settings.DATABASE_IS_POSTGRES:
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        return (
            stories.annotate(document=SEARCH_VECTOR, rank=SearchRank(RANK_VECTOR, search_query))
            .filter(document=search_query)
            .order_by("-rank", "-published_at", "-pk")
        )
    condition = Q()
    for word in query.split()[:10]:
        condition &= Q(search_document__icontains=word)
    return stories.filter(condition).latest_first()
