"""Pages for minutes: draft against the agenda, approve at a later meeting, distribute, ratify a decision of an
inquorate meeting, and a clean printable copy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.domain.governance_lifecycle import MinutesStatus
from casereview.partnerships.selectors import person_list
from casereview.web.formviews import handle_form

from . import minutes_selectors as selectors
from . import minutes_services as services
from .access import can_manage_meetings
from .attendance_selectors import saved_rows
from .minutes_forms import MinutesApproveForm, MinutesForm
from .models import Minutes
from .selectors import meeting_get, meeting_page_parts


def _managed(request, pk):
    meeting = meeting_get(request.user, pk)
    if not can_manage_meetings(request.user, meeting.partnership):
        raise PermissionDenied
    return meeting


def _back(meeting) -> str:
    return reverse("meetings:detail", args=[meeting.pk]) + "#minutes"


def _closed(request, meeting, heading: str, reason: str):
    """A form page that cannot be used now: say why (400 for a POST)."""
    return render(request, "meetings/minutes/closed.html",
                  {"meeting": meeting, "page_heading": heading, "reason": reason, "back_url": _back(meeting)},
                  status=400 if request.method == "POST" else 200)


def _page_with_errors(request, meeting, errors: list[str]):
    context = meeting_page_parts(meeting, request.user, timezone.localdate())
    return render(request, "meetings/detail.html", {**context, "minutes_errors": errors}, status=400)


@login_required
def minutes_edit(request, pk):
    meeting = _managed(request, pk)
    reason = selectors.draft_blocked_reason(meeting)
    if reason:
        return _closed(request, meeting, "Draft the minutes", reason)
    form = MinutesForm(request.POST or None, blocks=selectors.draft_blocks(meeting),
                       people=list(person_list(request.user, meeting.partnership)))
    return handle_form(
        request, form, template="meetings/minutes/edit.html",
        call=lambda data: services.minutes_save(actor=request.user, meeting=meeting, entries=form.entries()),
        success_url=_back(meeting), message="Minutes saved",
        context={"meeting": meeting, "back_url": _back(meeting), "page_heading": "Draft the minutes",
                 "caption": str(meeting), "submit_label": "Save the minutes",
                 "inquorate": meeting.quorate is False},
    )


@login_required
def minutes_approve(request, pk):
    meeting = _managed(request, pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        return _closed(request, meeting, "Approve the minutes", "No minutes have been drafted for this meeting yet.")
    if minutes.status != MinutesStatus.DRAFT:
        return _closed(request, meeting, "Approve the minutes", f"These minutes are already "
                                                                 f"{minutes.get_status_display().lower()}.")
    candidates = selectors.approving_meetings(meeting)
    if not candidates:
        return _closed(request, meeting, "Approve the minutes",
                       "Minutes are approved at a later meeting of the group. No later meeting of the "
                       f"{meeting.group.name} has been marked held yet.")
    form = MinutesApproveForm(request.POST or None, meetings=candidates)
    return handle_form(
        request, form,
        call=lambda data: services.minutes_approve(actor=request.user, meeting=meeting, at_meeting=data["at_meeting"]),
        success_url=_back(meeting), message="Minutes approved",
        context={"back_url": _back(meeting), "page_heading": "Approve the minutes", "caption": str(meeting),
                 "submit_label": "Record the approval",
                 "lede": "Record the meeting at which the group approved these minutes. Once approved they can be "
                         "distributed, and can no longer be changed."},
    )


@login_required
@require_POST
def minutes_distribute(request, pk):
    meeting = _managed(request, pk)
    try:
        services.minutes_distribute(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        return _page_with_errors(request, meeting, exc.messages)
    messages.success(request, "Minutes distributed: everyone invited has been e-mailed a link")
    return redirect(_back(meeting))


@login_required
@require_POST
def ratify(request, pk, entry_pk):
    meeting = _managed(request, pk)
    at = request.POST.get("at_meeting", "")
    options = {str(m.pk): m for m in selectors.ratifying_meetings(meeting)}
    try:
        services.minute_entry_ratify(actor=request.user, meeting=meeting, entry_pk=entry_pk,
                                     at_meeting=options.get(at))
    except ValidationError as exc:
        return _page_with_errors(request, meeting, exc.messages)
    messages.success(request, "Decision recorded as ratified")
    return redirect(_back(meeting))


@login_required
def minutes_print(request, pk):
    meeting = meeting_get(request.user, pk)
    context = selectors.minutes_part(meeting, request.user, timezone.localdate())
    return render(request, "meetings/minutes/print.html", {
        **context, "meeting": meeting, "attendance_rows": saved_rows(meeting),
        "chairs": list(meeting.chairs.all()),
    })
