from django.urls import path

from articles.caching import story_versions_by_slug
from comments import reports, views, views_readers
from comments.feeds import StoryCommentsFeed
from newsroom.caching import public_page

# The feed is a public page like the story's, made stale by the same story version.
cached_with_story = public_page(versions=story_versions_by_slug)

app_name = "comments"
urlpatterns = [
    path("story/<int:story_id>/post/", views.post_comment, name="post"),
    path("story/<slug:slug>/feed/", cached_with_story(StoryCommentsFeed()), name="story_feed"),
    path("<int:pk>/", views.permalink, name="permalink"),
    path("<int:pk>/posted/", views_readers.posted, name="posted"),
    path("<int:pk>/edit/", views_readers.edit_own, name="edit_own"),
    path("notify/confirm/<str:token>/", views_readers.notify_confirm, name="notify_confirm"),
    path("notify/stop/<str:token>/", views_readers.notify_stop, name="notify_stop"),
    path("notify/stop-all/<str:token>/", views_readers.notify_stop_all, name="notify_stop_all"),
    path("<int:pk>/report/", reports.report_comment, name="report"),
    path("<int:pk>/report/thanks/", reports.thanks, name="report_thanks"),
]
