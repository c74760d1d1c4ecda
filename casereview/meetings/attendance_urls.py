"""URLs for attendance (included in the meetings namespace)."""

urlpatterns: list = []
