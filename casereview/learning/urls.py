"""URLs for reviews and learning; each part of the work adds its own module."""

from django.urls import include, path

from . import views

app_name = "learning"
urlpatterns = [
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("", include("casereview.learning.review_urls")),
    path("", include("casereview.learning.recommendation_urls")),
    path("", include("casereview.learning.theme_urls")),
    path("", include("casereview.learning.tracker_urls")),
    path("", include("casereview.learning.identity_urls")),
    path("", include("casereview.learning.similar_urls")),
    path("", include("casereview.learning.import_urls")),
    path("", include("casereview.learning.export_urls")),
]
