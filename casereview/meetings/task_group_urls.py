"""URLs for task-and-finish groups (included in the meetings namespace)."""

from django.urls import path

from . import task_group_views as views

urlpatterns = [
    path("task-groups/", views.task_group_list, name="task_group_list"),
    path("task-groups/new/", views.task_group_create, name="task_group_create"),
    path("task-groups/<int:pk>/", views.task_group_detail, name="task_group_detail"),
    path("task-groups/<int:pk>/nominate/", views.task_group_nominate, name="task_group_nominate"),
    path("task-groups/<int:pk>/report/", views.task_group_report, name="task_group_report"),
    path("task-groups/<int:pk>/close/", views.task_group_close, name="task_group_close"),
]
