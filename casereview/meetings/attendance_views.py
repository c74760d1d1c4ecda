"""Pages for attendance: record who attended (with the quorum verdict shown on every save, or checked without
saving), and mark the meeting held."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.partnerships.selectors import person_list
from casereview.web.formviews import apply_errors

from . import attendance_selectors as selectors
from . import attendance_services as services
from .access import can_manage_meetings
from .attendance_forms import AttendanceForm
from .selectors import meeting_get, meeting_page_parts


def _managed(request, pk):
    meeting = meeting_get(request.user, pk)
    if not can_manage_meetings(request.user, meeting.partnership):
        raise PermissionDenied
    return meeting


@login_required
def attendance_edit(request, pk):
    meeting = _managed(request, pk)
    posted = request.method == "POST"
    context = {"meeting": meeting, "rule": selectors.quorum_rule(meeting), "checked": None}
    closed = selectors.attendance_closed_reason(meeting)
    if closed:
        rows = selectors.saved_rows(meeting)
        context.update(closed_reason=closed,
                       recorded=selectors.explain(selectors.rows_verdict(meeting, rows), rows) if rows else None)
        return render(request, "meetings/attendance/edit.html", context, status=400 if posted else 200)
    form = AttendanceForm(request.POST if posted else None, fixed=selectors.attendance_form_rows(meeting),
                          people=list(person_list(request.user, meeting.partnership)),
                          seats=selectors.seats_on_the_day(meeting))
    if posted and form.is_valid():
        rows = form.rows()
        if "check" in request.POST:
            problems = services.attendance_problems(meeting, rows)
            for problem in problems:
                form.add_error(None, problem)
            if not problems:
                context["checked"] = selectors.explain(selectors.rows_verdict(meeting, rows), rows)
                return render(request, "meetings/attendance/edit.html", {**context, "form": form})
        else:
            try:
                verdict = services.attendance_record(actor=request.user, meeting=meeting, rows=rows)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                summary = verdict.summary if verdict is not None else selectors.NO_TERMS
                messages.success(request, f"Attendance saved. {summary}.")
                return redirect("meetings:attendance", pk=meeting.pk)
    rows = selectors.saved_rows(meeting)
    context["recorded"] = selectors.explain(selectors.rows_verdict(meeting, rows), rows) if rows else None
    return render(request, "meetings/attendance/edit.html", {**context, "form": form},
                  status=400 if posted else 200)


@login_required
@require_POST
def mark_held(request, pk):
    meeting = _managed(request, pk)
    today = timezone.localdate()
    try:
        held = services.meeting_mark_held(actor=request.user, meeting=meeting, today=today)
    except ValidationError as exc:
        context = meeting_page_parts(meeting, request.user, today)
        return render(request, "meetings/detail.html", {**context, "attendance_errors": exc.messages}, status=400)
    if held.quorate is False:
        messages.success(request, "Meeting marked held. Not quorate: decisions of this meeting need ratification "
                                  "at a later quorate meeting.")
    else:
        messages.success(request, "Meeting marked held.")
    return redirect("meetings:detail", pk=pk)
