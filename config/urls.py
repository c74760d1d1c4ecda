"""The URL map of the whole service."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from casereview.web import views as web_views

urlpatterns = [
    path("", include("casereview.web.urls")),
    path("accounts/", include("casereview.accounts.urls")),
    path("partnership/", include("casereview.partnerships.urls")),
    path("audit/", include("casereview.audit.urls")),
    path("calendar/", include("casereview.partnerships.calendar_urls")),
    path("notifications/", include("casereview.incidents.urls")),
    path("reviews/", include("casereview.reviews.urls")),
    path("meetings/", include("casereview.meetings.urls")),
    path("actions/", include("casereview.actions.urls")),
    path("learning/", include("casereview.learning.urls")),
    path("outbox/", include("casereview.outbox.urls")),
    path("publication/", include("casereview.publication.urls")),
    path("reminders/", include("casereview.reminders.urls")),
    path("records/", include("casereview.records.urls")),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

handler403 = web_views.permission_denied
handler404 = web_views.page_not_found
handler500 = web_views.server_error
