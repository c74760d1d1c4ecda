from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "casereview.learning"
    label = "learning"
    verbose_name = "Reviews and learning"
    default_auto_field = "django.db.models.BigAutoField"
