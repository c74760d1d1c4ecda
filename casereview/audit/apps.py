"""App configuration."""
from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "casereview.audit"
    label = "audit"

    def ready(self):
        from . import admin_log  # noqa: F401  (connects the admin log receiver)
