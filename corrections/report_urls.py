"""Readers' error reports: the form (GET, and its POST) and the thank-you page."""

from django.urls import path

from corrections import reports

app_name = "reports"
urlpatterns = [
    path("<slug:slug>/", reports.report_form, name="form"),
    path("<slug:slug>/thanks/", reports.thanks, name="thanks"),
]
