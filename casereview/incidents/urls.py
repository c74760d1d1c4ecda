"""URLs for notifications (filled in by the notification intake feature)."""

app_name = "incidents"
urlpatterns = []
