"""Role-by-URL rows for the governance pages (merged into EXPECTED in test_role_urls.py): escalations,
task-and-finish groups, reports, the governance overview, and the meetings API."""

from tests.web.role_sets import ADMINS, ANON, BUSINESS, CHAIR, CONTRIB, EVERYONE, MEMBER, READ_ALL, SCRUT, SIGNED_IN  # noqa: F401

ROWS: dict = {
    "meetings:escalation_list": ("none", READ_ALL, 403, ""),
    "meetings:escalation_detail": ("escalation", READ_ALL, 404, ""),
    "meetings:escalation_raise": ("none", ADMINS, 403, ""),
    "meetings:escalation_resolve": ("escalation", ADMINS, None, ""),
    "meetings:task_group_list": ("none", READ_ALL, 403, ""),
    "meetings:task_group_detail": ("task_group", READ_ALL, 404, ""),
    "meetings:task_group_create": ("none", ADMINS, 403, ""),
    "meetings:task_group_nominate": ("task_group", ADMINS, None, ""),
    "meetings:task_group_report": ("task_group", ADMINS, None, ""),
    "meetings:task_group_close": ("task_group", set(), 405, ""),
    "meetings:governance": ("none", READ_ALL, 403, ""),
    "meetings:report_attendance": ("none", READ_ALL, 403, ""),
    "meetings:report_attendance_csv": ("none", READ_ALL, 403, ""),
    "meetings:report_quarterly": ("none", READ_ALL, 403, ""),
    "meetings:report_quarterly_docx": ("none", READ_ALL, 403, ""),
    "meetings:report_quarterly_pdf": ("none", READ_ALL, 403, ""),
    # The meetings API: lists are empty for an agency contributor; details are 404 outside scope.
    "meeting-list": ("none", SIGNED_IN, None, ""),
    "meeting-detail": ("meeting", READ_ALL, 404, ""),
    "agendaitem-list": ("none", SIGNED_IN, None, ""),
    "attendance-list": ("none", SIGNED_IN, None, ""),
    "declaration-list": ("none", SIGNED_IN, None, ""),
    "minutes-list": ("none", SIGNED_IN, None, ""),
    "minutes-detail": ("minutes", READ_ALL, 404, ""),
}
