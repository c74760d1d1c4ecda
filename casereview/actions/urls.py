"""URLs for the action tracker."""

app_name = "actions"
urlpatterns: list = []
