from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "casereview.publication"
    label = "publication"
    verbose_name = "Publication and redaction"
    default_auto_field = "django.db.models.BigAutoField"
