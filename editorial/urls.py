from django.urls import path

from editorial import views

app_name = "editorial"
urlpatterns = [path("<str:token>/", views.shared_story, name="shared_story")]
