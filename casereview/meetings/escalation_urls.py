"""URLs for escalation (included in the meetings namespace)."""

urlpatterns: list = []
