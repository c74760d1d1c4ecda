"""URLs for agency requests, returns and attachments (inside the "reviews" namespace)."""

from django.urls import path

from . import requests_views as views

urlpatterns = [
    path("<int:pk>/requests/", views.requests_send, name="requests_send"),
    path("requests/mine/", views.my_requests, name="my_requests"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/remind/", views.request_remind, name="request_remind"),
    path("requests/<int:pk>/return/", views.return_submit, name="return_submit"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/replace/", views.attachment_replace, name="attachment_replace"),
]
