"""URLs for records management (mounted at /records/)."""

from django.urls import path

from . import views

app_name = "records"
urlpatterns = [
    path("", views.due, name="due"),
    path("rules/", views.rules, name="rules"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("holds/", views.holds, name="holds"),
    path("holds/new/", views.hold_place, name="hold_place"),
    path("holds/<int:pk>/", views.hold_detail, name="hold_detail"),
    path("holds/<int:pk>/add/", views.hold_add, name="hold_add"),
    path("holds/<int:pk>/release/", views.hold_release, name="hold_release"),
    path("deleted/", views.log, name="log"),
    # Last, so that "rules/" and "holds/" are never read as a record type.
    path("<slug:record_type>/<int:pk>/", views.record, name="record"),
    path("<slug:record_type>/<int:pk>/keep/", views.keep, name="keep"),
    path("<slug:record_type>/<int:pk>/delete/", views.delete, name="delete"),
]
