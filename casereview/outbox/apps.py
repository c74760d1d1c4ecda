from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "casereview.outbox"
    label = "outbox"
    verbose_name = "Outbox and scheduled jobs"
    default_auto_field = "django.db.models.BigAutoField"
