"""URLs for theme (included in the learning namespace)."""

urlpatterns: list = []
