"""URLs for reviews: the list, commissioning a practice review, recording other reviews, a review's record,
status, reviewers, milestones, links, advance copy and publication (included in the learning namespace).
The review page itself (`learning:review_detail`) is in learning/urls.py."""

from django.urls import path

from . import review_team_views as team
from . import review_views as views

urlpatterns = [
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/add/", views.review_add, name="review_add"),
    path("rapid-reviews/<int:pk>/commission/", views.practice_review_commission,
         name="practice_review_commission"),
    path("reviews/<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("reviews/<int:pk>/status/", views.review_status, name="review_status"),
    path("reviews/<int:pk>/publish/", views.review_publish, name="review_publish"),
    path("reviews/<int:pk>/not-published/", views.review_not_publish, name="review_not_publish"),
    path("reviews/<int:pk>/advance-copy/", views.advance_copy_sent, name="advance_copy_sent"),
    path("reviews/<int:pk>/reviewers/add/", team.reviewer_add, name="reviewer_add"),
    path("reviews/<int:pk>/reviewers/<int:reviewer_pk>/remove/", team.reviewer_remove, name="reviewer_remove"),
    path("reviews/<int:pk>/milestones/add/", team.milestone_add, name="milestone_add"),
    path("reviews/<int:pk>/milestones/<int:milestone_pk>/", team.milestone_edit, name="milestone_edit"),
    path("reviews/<int:pk>/links/add/", team.review_link_add, name="review_link_add"),
    path("reviews/<int:pk>/links/<int:link_pk>/remove/", team.review_link_remove, name="review_link_remove"),
]
