"""URLs for meetings and governance; each part of the work adds its own module."""

from django.urls import include, path

from . import views

app_name = "meetings"
urlpatterns = [
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("", include("casereview.meetings.schedule_urls")),
    path("", include("casereview.meetings.agenda_urls")),
    path("", include("casereview.meetings.attendance_urls")),
    path("", include("casereview.meetings.interests_urls")),
    path("", include("casereview.meetings.minutes_urls")),
    path("", include("casereview.meetings.escalation_urls")),
    path("", include("casereview.meetings.task_group_urls")),
    path("", include("casereview.meetings.report_urls")),
]
