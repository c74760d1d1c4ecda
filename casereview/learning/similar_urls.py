"""URLs for similar (included in the learning namespace)."""

urlpatterns: list = []
