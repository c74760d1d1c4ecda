"""URLs for the theme taxonomy and tags (included in the learning namespace)."""

from django.urls import path

from . import theme_views as views

urlpatterns = [
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/add/", views.theme_add, name="theme_add"),
    path("themes/<int:pk>/retire/", views.theme_retire, name="theme_retire"),
    path("reviews/<int:pk>/themes/", views.review_tag, name="review_tag"),
    path("rapid-reviews/<int:pk>/themes/", views.rapid_review_tag, name="rapid_review_tag"),
    path("findings/<int:pk>/themes/", views.finding_tag, name="finding_tag"),
    path("recommendations/<int:pk>/themes/", views.recommendation_tag, name="recommendation_tag"),
    path("theme-tags/<int:pk>/remove/", views.tag_remove, name="tag_remove"),
]
