"""URLs for interests (included in the meetings namespace)."""

urlpatterns: list = []
