from django.urls import path

from articles import feeds, views
from newsroom.caching import public_page

cached = public_page()

app_name = "articles"
urlpatterns = [
    path("", views.front_page, name="front"),
    path("story/<slug:slug>/", views.story_detail, name="story"),
    path("category/<slug:slug>/", views.category_detail, name="category"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("author/<slug:slug>/", views.author_detail, name="author"),
    path("archive/", views.archive_index, name="archive_index"),
    path("archive/<int:year>/", views.archive, name="archive_year"),
    path("archive/<int:year>/<int:month>/", views.archive, name="archive_month"),
    path("search/", views.search, name="search"),
    path("feeds/rss/", cached(feeds.SiteFeed()), name="feed_rss"),
    path("feeds/atom/", cached(feeds.SiteAtomFeed()), name="feed_atom"),
    path("feeds/category/<slug:slug>/rss/", cached(feeds.CategoryFeed()), name="feed_category_rss"),
    path("feeds/category/<slug:slug>/atom/", cached(feeds.CategoryAtomFeed()), name="feed_category_atom"),
    path("feeds/tag/<slug:slug>/rss/", cached(feeds.TagFeed()), name="feed_tag_rss"),
    path("feeds/tag/<slug:slug>/atom/", cached(feeds.TagAtomFeed()), name="feed_tag_atom"),
    path("feeds/author/<slug:slug>/rss/", cached(feeds.AuthorFeed()), name="feed_author_rss"),
    path("feeds/author/<slug:slug>/atom/", cached(feeds.AuthorAtomFeed()), name="feed_author_atom"),
]
