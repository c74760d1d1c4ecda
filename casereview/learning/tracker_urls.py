"""URLs for tracker (included in the learning namespace)."""

urlpatterns: list = []
