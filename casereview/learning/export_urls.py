"""URLs for spreadsheet exports (included in the learning namespace)."""

from django.urls import path

from . import export_views as views

urlpatterns = [
    path("exports/actions.xlsx", views.actions_xlsx, name="actions_xlsx"),
    path("exports/tracker.xlsx", views.tracker_xlsx, name="tracker_xlsx"),
]
