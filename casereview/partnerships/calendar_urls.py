"""URLs of the working-days calculator and the partnership's closure days."""

from django.urls import path

from . import calendar_views as views

app_name = "calendar"
urlpatterns = [
    path("", views.calculator, name="calculator"),
    path("closures/", views.closures, name="closures"),
    path("closures/add/", views.closure_add, name="closure_add"),
    path("closures/<int:pk>/remove/", views.closure_remove, name="closure_remove"),
]
