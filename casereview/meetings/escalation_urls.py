"""URLs for escalations to the SLG (included in the meetings namespace)."""

from django.urls import path

from . import escalation_views as views

urlpatterns = [
    path("escalations/", views.escalation_list, name="escalation_list"),
    path("escalations/raise/", views.escalation_raise, name="escalation_raise"),
    path("escalations/<int:pk>/", views.escalation_detail, name="escalation_detail"),
    path("escalations/<int:pk>/resolve/", views.escalation_resolve, name="escalation_resolve"),
]
