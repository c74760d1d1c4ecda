"""The REST API, version 1: each app registers its viewsets here."""

from rest_framework.routers import DefaultRouter

from casereview.partnerships import api as partnerships_api

router = DefaultRouter()
partnerships_api.register(router)

urlpatterns = router.urls
