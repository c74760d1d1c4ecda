"""URLs for the learning tracker and the seven-minute briefing (included in the learning namespace)."""

from django.urls import path

from . import tracker_views as views

urlpatterns = [
    path("tracker/", views.tracker, name="tracker"),
    path("tracker.csv", views.tracker_csv, name="tracker_csv"),
    path("reviews/<int:pk>/briefing.docx", views.briefing_download, {"kind": "docx"}, name="briefing_docx"),
    path("reviews/<int:pk>/briefing.pdf", views.briefing_download, {"kind": "pdf"}, name="briefing_pdf"),
]
