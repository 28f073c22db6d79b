from django.urls import path

from ledger import views

app_name = "ledger"
urlpatterns = [
    path("<int:source_id>/archive/", views.archived_copy, name="archived_copy"),
    path("<int:source_id>/archive/document.pdf", views.archived_document, name="archived_document"),
]
