"""URLs for spreadsheet imports (included in the learning namespace)."""

from django.urls import path

from . import import_views as views

urlpatterns = [
    path("imports/", views.import_start, name="import_start"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/columns/", views.import_map, name="import_map"),
    path("imports/<int:pk>/dry-run/", views.import_dry_run, name="import_dry_run"),
    path("imports/<int:pk>/import/", views.import_confirm, name="import_confirm"),
]
