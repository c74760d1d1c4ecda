"""URLs for scheduling meetings and sending invitations (included in the meetings namespace)."""

from django.urls import path

from . import schedule_views as views

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("schedule/", views.meeting_schedule, name="schedule"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/invitations/add/", views.invitation_add, name="invite"),
    path("<int:pk>/invitations/<int:invitation_pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("<int:pk>/invitations/<int:invitation_pk>/answer/", views.invitation_respond, name="invitation_respond"),
    path("<int:pk>/invitations/<int:invitation_pk>/apologies/", views.invitation_apologies, name="apologies"),
    path("<int:pk>/invitations/<int:invitation_pk>/apologies/withdraw/", views.apologies_withdraw,
         name="apologies_withdraw"),
]
