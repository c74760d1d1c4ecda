from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "casereview.reminders"
    label = "reminders"
    verbose_name = "Reminders and digests"
    default_auto_field = "django.db.models.BigAutoField"
