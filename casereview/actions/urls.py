"""URLs for the action tracker."""

from django.urls import path

from . import views

app_name = "actions"
urlpatterns = [
    path("", views.action_list, name="list"),
    path("<int:pk>/", views.action_detail, name="detail"),
    path("<int:pk>/update/", views.action_update, name="update"),
]
