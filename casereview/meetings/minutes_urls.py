"""URLs for minutes and ratification (included in the meetings namespace)."""

from django.urls import path

from . import minutes_views as views

urlpatterns = [
    path("<int:pk>/minutes/", views.minutes_edit, name="minutes_edit"),
    path("<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("<int:pk>/minutes/distribute/", views.minutes_distribute, name="minutes_distribute"),
    path("<int:pk>/minutes/print/", views.minutes_print, name="minutes_print"),
    path("<int:pk>/minutes/<int:entry_pk>/ratify/", views.ratify, name="ratify"),
]
