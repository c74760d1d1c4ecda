"""URLs for report (included in the meetings namespace)."""

urlpatterns: list = []
