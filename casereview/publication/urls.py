"""URLs for preparing a review's report for publication (mounted at /publication/)."""

from django.urls import path

from . import change_views, views

app_name = "publication"
urlpatterns = [
    path("reviews/<int:pk>/start/", views.draft_start, name="draft_start"),
    path("<int:pk>/", views.draft_detail, name="draft_detail"),
    path("<int:pk>/harm-check/", views.harm_check, name="harm_check"),
    path("<int:pk>/redaction/start/", views.redaction_start, name="redaction_start"),
    path("<int:pk>/changes/", change_views.changes, name="changes"),
    path("<int:pk>/changes/add/", change_views.change_add, name="change_add"),
    path("<int:pk>/redaction/finish/", views.redaction_finish, name="redaction_finish"),
    path("<int:pk>/redaction/reopen/", views.redaction_reopen, name="redaction_reopen"),
    path("<int:pk>/preview/", change_views.preview, name="preview"),
    path("<int:pk>/download/", change_views.download, name="download"),
    path("<int:pk>/sign-off/", views.sign_off, name="sign_off"),
]
