"""App configuration."""
from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "casereview.meetings"
    label = "meetings"
