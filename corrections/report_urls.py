"""Readers' error reports (filled in by corrections.reports)."""

app_name = "reports"
urlpatterns = []
