"""App configuration."""
from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "casereview.incidents"
    label = "incidents"
