"""URLs for agenda (included in the meetings namespace)."""

urlpatterns: list = []
