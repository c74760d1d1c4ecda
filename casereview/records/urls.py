"""URLs for records (mounted at /records/)."""

from django.urls import path  # noqa: F401

app_name = "records"
urlpatterns: list = []
