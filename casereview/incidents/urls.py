"""URLs for serious incident notifications and the restricted identity register."""

from django.urls import path

from . import views

app_name = "incidents"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("new/", views.notification_create, name="create"),
    path("<int:pk>/", views.notification_detail, name="detail"),
    path("<int:pk>/identity/", views.notification_identity, name="identity"),
    path("<int:pk>/ofsted-told/", views.notification_ofsted_told, name="ofsted_told"),
]
