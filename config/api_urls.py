"""The REST API, version 1: each app registers its viewsets here."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from casereview.learning import api as learning_api
from casereview.meetings import api as meetings_api
from casereview.partnerships import api as partnerships_api
from casereview.reviews import api as reviews_api

router = DefaultRouter()
partnerships_api.register(router)
reviews_api.register(router)
meetings_api.register(router)
learning_api.register(router)

urlpatterns = [
    path("calendar/", include("casereview.partnerships.calendar_api")),
    *router.urls,
]
