"""Report pages: attendance by agency and member, the chairs' quarterly update to the SLG (page, DOCX, PDF),
and the governance overview of every group. Readers of governance records only; downloads are audited."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.partnerships.access import current_partnership
from casereview.partnerships.models import Group

from . import report_documents as documents
from .access import can_manage_meetings, can_read_meetings
from .governance_selectors import governance_overview
from .report_forms import AttendanceFilterForm, QuarterlyForm, bound_data
from .report_selectors import attendance_report, quarterly_update, reporting_groups_first

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV_HEADERS = ["Group", "Member", "Agency", "Role", "Co-opted", "Meetings expected", "Attended", "By a deputy",
               "Missed", "Attended in person (%)", "Represented (%)"]


def _partnership(request):
    partnership = current_partnership(request)
    if partnership is None or not can_read_meetings(request.user, partnership):
        raise PermissionDenied
    return partnership


def _attendance_form(request, partnership):
    return AttendanceFilterForm(bound_data(AttendanceFilterForm, request.GET),
                                groups=Group.objects.filter(partnership=partnership).order_by("name"),
                                today=timezone.localdate())


def _attendance_page(request, form, report, status=200):
    return render(request, "meetings/reports/attendance.html", {"form": form, "report": report}, status=status)


@login_required
def report_attendance(request):
    partnership = _partnership(request)
    form = _attendance_form(request, partnership)
    if form.is_bound and not form.is_valid():
        return _attendance_page(request, form, None, status=400)
    return _attendance_page(request, form, attendance_report(partnership, **form.period()))


@login_required
def report_attendance_csv(request):
    partnership = _partnership(request)
    form = _attendance_form(request, partnership)
    if form.is_bound and not form.is_valid():
        return _attendance_page(request, form, None, status=400)
    report = attendance_report(partnership, **form.period())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attendance-{report.start}-to-{report.end}.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(CSV_HEADERS)
    for row in report.seats:
        seat, c = row.seat, row.counts
        writer.writerow([_cell(v) for v in (
            seat.group.name, seat.person.full_name, seat.person.agency.name, seat.role_title,
            "yes" if seat.co_opted else "no", "" if seat.co_opted else c.expected, c.attended,
            c.deputised, c.missed, "" if c.rate is None else c.rate,
            "" if c.represented_rate is None else c.represented_rate)])
    with transaction.atomic():
        audit_record(actor=request.user, verb=Verb.EXPORTED, partnership=partnership, changes={
            "report": [None, f"Attendance {report.start.isoformat()} to {report.end.isoformat()}"
                             f"{' for ' + report.group.name if report.group else ''} (CSV)"]})
    return response


def _cell(value):
    """A spreadsheet cell that cannot run as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _quarterly(request):
    partnership = _partnership(request)
    groups = reporting_groups_first(partnership)
    form = QuarterlyForm(bound_data(QuarterlyForm, request.GET), groups=Group.objects.filter(
        partnership=partnership).order_by("name"), default_group=groups[0] if groups else None,
        today=timezone.localdate())
    if (form.is_bound and not form.is_valid()) or not groups:
        return form, None
    choice = form.choice()
    return form, quarterly_update(choice["group"], choice["quarter"], timezone.localdate())


def _quarterly_page(request, form, update):
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "meetings/reports/quarterly.html", {
        "form": form, "update": update, "query": request.GET.urlencode(),
        "sections": documents.quarterly_sections(update) if update else [],
        "title": documents.quarterly_title(update) if update else "",
    }, status=status)


@login_required
def report_quarterly(request):
    form, update = _quarterly(request)
    return _quarterly_page(request, form, update)


@login_required
def report_quarterly_download(request, kind):
    form, update = _quarterly(request)
    if update is None:
        return _quarterly_page(request, form, update)
    data = documents.quarterly_update_download(actor=request.user, update=update, kind=kind)
    response = HttpResponse(data, content_type="application/pdf" if kind == "pdf" else DOCX)
    response["Content-Disposition"] = f'attachment; filename="{documents.quarterly_filename(update, kind)}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def governance(request):
    partnership = _partnership(request)
    return render(request, "meetings/reports/governance.html", {
        "rows": governance_overview(request.user, partnership, timezone.localdate()),
        "can_manage": can_manage_meetings(request.user, partnership),
    })
