"""URLs for partnership records."""

from django.urls import path

from . import views

app_name = "partnerships"
urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/add/", views.agency_create, name="agency_create"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/change/", views.agency_edit, name="agency_edit"),
    path("people/", views.person_list, name="person_list"),
    path("people/add/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/change/", views.person_edit, name="person_edit"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/add/", views.group_create, name="group_create"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("groups/<int:pk>/change/", views.group_edit, name="group_edit"),
    path("groups/<int:group_pk>/members/add/", views.membership_create, name="membership_create"),
    path("memberships/<int:pk>/change/", views.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
]
