"""URLs for declarations of interest and the standing register (included in the meetings namespace)."""

from django.urls import path

from . import interests_views as views

urlpatterns = [
    path("<int:pk>/declare/", views.declare, name="declare"),
    path("declarations/<int:pk>/remove/", views.declaration_delete, name="declaration_delete"),
    path("interests/", views.interest_register, name="interest_register"),
    path("interests/people/<int:pk>/", views.person_interests, name="person_interests"),
    path("interests/people/<int:pk>/add/", views.interest_add, name="interest_add"),
    path("interests/<int:pk>/end/", views.interest_end, name="interest_end"),
]
