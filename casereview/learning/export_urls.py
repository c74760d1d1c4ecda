"""URLs for export (included in the learning namespace)."""

urlpatterns: list = []
