"""App configuration."""
from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "casereview.web"
    label = "web"
