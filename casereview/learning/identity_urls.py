"""URLs for identity (included in the learning namespace)."""

urlpatterns: list = []
