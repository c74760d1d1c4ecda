"""URLs for scheduling meetings and sending invitations (included in the meetings namespace)."""

from django.urls import path

from . import schedule_views

urlpatterns = [
    path("", schedule_views.meeting_list, name="list"),
]
