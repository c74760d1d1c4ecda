"""URLs for identity and disproportionality (included in the learning namespace)."""

from django.urls import path

from . import identity_views as views

urlpatterns = [
    path("identity/", views.identity, name="identity"),
    path("identity.csv", views.identity_csv, name="identity_csv"),
    path("identity/baseline/", views.baseline_edit, name="baseline_edit"),
    path("identity/baseline/<int:pk>/remove/", views.baseline_remove, name="baseline_remove"),
]
