"""URLs for reminders (mounted at /reminders/)."""

from django.urls import path

from . import views

app_name = "reminders"
urlpatterns: list = [
    path("preferences/", views.preferences, name="preferences"),
]
