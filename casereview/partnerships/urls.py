"""URLs for partnership records."""

from django.urls import path

from . import terms_views, views

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
    path("groups/<int:pk>/terms/", terms_views.terms_overview, name="terms_overview"),
    path("groups/<int:pk>/terms/version-<int:version>/", terms_views.terms_version, name="terms_version"),
    path("groups/<int:pk>/terms/compare/", terms_views.terms_compare, name="terms_compare"),
    path("groups/<int:pk>/terms/change/", terms_views.terms_edit, name="terms_edit"),
    path("groups/<int:pk>/terms/clocks/", terms_views.terms_clocks, name="terms_clocks"),
    path("groups/<int:pk>/terms/preset/", terms_views.terms_preset, name="terms_preset"),
    path("groups/<int:pk>/terms/review-clock/", terms_views.review_clock_adjust, name="review_clock_adjust"),
    path("memberships/<int:pk>/change/", views.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
]
