"""URLs from the collated pack to closing a rapid review (included inside the "reviews" namespace)."""

from django.urls import path

from . import decision_views as views

urlpatterns = [
    path("<int:pk>/pack/", views.pack_download, name="pack_download"),
    path("<int:pk>/pack/circulate/", views.pack_circulate, name="pack_circulate"),
    path("<int:pk>/meeting/", views.meeting_record, name="meeting_record"),
    path("<int:pk>/decision/", views.decide, name="decide"),
    path("<int:pk>/sign-off/", views.sign_off, name="sign_off"),
    path("<int:pk>/submission.docx", views.submission_download, {"kind": "docx"}, name="submission_docx"),
    path("<int:pk>/submission.pdf", views.submission_download, {"kind": "pdf"}, name="submission_pdf"),
    path("<int:pk>/submission/", views.submit, name="submit"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/feedback/share/", views.feedback_share, name="feedback_share"),
    path("<int:pk>/close/", views.close, name="close"),
]
