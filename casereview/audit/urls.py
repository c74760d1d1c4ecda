"""URLs for the audit trail."""

from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("<str:target_type>/<str:target_id>/", views.record_history, name="record_history"),
]
