"""URLs for recommendation (included in the learning namespace)."""

urlpatterns: list = []
