"""Dashboard, accessibility statement and partnership switcher."""

from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("healthz", views.health, name="health"),
    path("switch-partnership/", views.switch_partnership, name="switch_partnership"),
]
