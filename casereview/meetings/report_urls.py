"""URLs for reports and the governance overview (included in the meetings namespace)."""

from django.urls import path

from . import report_views as views

urlpatterns = [
    path("governance/", views.governance, name="governance"),
    path("reports/attendance/", views.report_attendance, name="report_attendance"),
    path("reports/attendance.csv", views.report_attendance_csv, name="report_attendance_csv"),
    path("reports/slg-update/", views.report_quarterly, name="report_quarterly"),
    path("reports/slg-update.docx", views.report_quarterly_download, {"kind": "docx"}, name="report_quarterly_docx"),
    path("reports/slg-update.pdf", views.report_quarterly_download, {"kind": "pdf"}, name="report_quarterly_pdf"),
]
