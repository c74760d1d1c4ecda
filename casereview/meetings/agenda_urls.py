"""URLs for the agenda, papers and their circulation (included in the meetings namespace)."""

from django.urls import path

from . import agenda_views as views

urlpatterns = [
    path("<int:pk>/agenda/add/", views.item_add, name="item_add"),
    path("<int:pk>/agenda/<int:item_pk>/edit/", views.item_edit, name="item_edit"),
    path("<int:pk>/agenda/<int:item_pk>/remove/", views.item_delete, name="item_delete"),
    path("<int:pk>/agenda/<int:item_pk>/move/", views.item_move, name="item_move"),
    path("<int:pk>/agenda/<int:item_pk>/papers/add/", views.paper_add, name="paper_add"),
    path("<int:pk>/circulate/", views.circulate, name="circulate"),
    path("papers/<int:pk>/", views.paper_download, name="paper_download"),
    path("papers/<int:pk>/remove/", views.paper_delete, name="paper_delete"),
    path("papers/<int:pk>/versions/add/", views.paper_version_add, name="paper_version_add"),
]
