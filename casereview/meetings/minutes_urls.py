"""URLs for minutes (included in the meetings namespace)."""

urlpatterns: list = []
