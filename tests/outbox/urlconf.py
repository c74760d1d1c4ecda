"""The project's URLs with the outbox mounted, for the outbox's own view tests (independent of config.urls)."""

from django.urls import include, path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project

urlpatterns = [path("outbox/", include("casereview.outbox.urls"))] + [
    p for p in project if getattr(p, "namespace", None) != "outbox"]
