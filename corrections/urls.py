from django.urls import path

from corrections import feeds, views
from newsroom.caching import public_page

cached = public_page()

app_name = "corrections"
urlpatterns = [
    path("", views.register, name="register"),
    path("feed/rss/", cached(feeds.CorrectionsFeed()), name="feed_rss"),
    path("feed/atom/", cached(feeds.CorrectionsAtomFeed()), name="feed_atom"),
    path("<int:pk>/change/", views.change, name="change"),
]
