"""URLs for task group (included in the meetings namespace)."""

urlpatterns: list = []
