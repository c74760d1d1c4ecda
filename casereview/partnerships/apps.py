"""App configuration."""
from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "casereview.partnerships"
    label = "partnerships"
