"""URLs for findings, recommendations, national recommendations' local relevance and actions from a
recommendation (included in the learning namespace)."""

from django.urls import path

from . import recommendation_views as views

urlpatterns = [
    path("reviews/<int:pk>/recommendations/add/", views.recommendation_add, name="recommendation_add"),
    path("reviews/<int:pk>/findings/add/", views.finding_add, name="finding_add"),
    path("rapid-reviews/<int:pk>/recommendations/add/", views.rapid_review_recommendation_add,
         name="rapid_review_recommendation_add"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path("recommendations/<int:pk>/remove/", views.recommendation_remove, name="recommendation_remove"),
    path("recommendations/<int:pk>/assess/", views.recommendation_assess, name="recommendation_assess"),
    path("recommendations/<int:pk>/actions/add/", views.action_add, name="action_add"),
    path("recommendations/national/", views.national_assessment_list, name="national_assessment_list"),
    # Downloads of the recommendations part of a review page and of a rapid review page (?format=csv|xlsx).
    path("reviews/<int:pk>/recommendations/", views.review_recommendations_export,
         name="review_recommendations_export"),
    path("rapid-reviews/<int:pk>/recommendations/", views.rapid_review_recommendations_export,
         name="rapid_review_recommendations_export"),
    path("findings/<int:pk>/edit/", views.finding_edit, name="finding_edit"),
]
