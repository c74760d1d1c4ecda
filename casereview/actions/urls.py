"""URLs for the action tracker."""

from django.urls import path

from . import update_views, views

app_name = "actions"
urlpatterns = [
    path("", views.action_list, name="list"),
    path("<int:pk>/", views.action_detail, name="detail"),
    path("<int:pk>/update/", views.action_update, name="update"),
    path("<int:pk>/progress/", update_views.update_add, name="update_add"),
    path("<int:pk>/sign-off/", update_views.sign_off, name="sign_off"),
    path("evidence/<int:pk>/", update_views.evidence_download, name="evidence_download"),
]
