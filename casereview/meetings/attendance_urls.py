"""URLs for attendance and marking a meeting held (included in the meetings namespace)."""

from django.urls import path

from . import attendance_views as views

urlpatterns = [
    path("<int:pk>/attendance/", views.attendance_edit, name="attendance"),
    path("<int:pk>/held/", views.mark_held, name="mark_held"),
]
