"""URLs for import (included in the learning namespace)."""

urlpatterns: list = []
