"""URLs for rapid reviews; agency requests and decisions add their own modules."""

from django.urls import include, path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/withdraw/", views.review_withdraw, name="withdraw"),
    path("<int:pk>/milestones/<slug:key>/", views.milestone_edit, name="milestone_edit"),
    path("", include("casereview.reviews.requests_urls")),
    path("", include("casereview.reviews.decision_urls")),
]
