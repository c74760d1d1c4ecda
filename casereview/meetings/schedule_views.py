"""Pages for the meetings list, scheduling, changing and cancelling meetings, and invitations and apologies.

Readers see the list and the meeting page; the business team schedules, changes, cancels and invites; an
invited person who signs in can send their own apologies and name a deputy.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.partnerships.access import current_partnership, partnership_for_request, require_administer_page
from casereview.web.exports import export_query, export_requested, export_response
from casereview.web.formviews import handle_form
from casereview.web.page_cache import remembered_page

from . import list_exports
from . import schedule_forms as forms
from . import schedule_selectors as selectors
from . import schedule_services as services
from .access import can_manage_meetings, can_read_meetings
from .selectors import meeting_get, meeting_page_parts

FORM = "meetings/schedule/form.html"


@login_required
@remembered_page
def meeting_list(request):
    partnership = current_partnership(request)
    if partnership is None or not can_read_meetings(request.user, partnership):
        raise PermissionDenied
    group_raw, today = request.GET.get("group"), timezone.localdate()
    if fmt := export_requested(request):
        group = selectors.group_of(partnership, group_raw) if group_raw else None
        rows = list_exports.meeting_export_rows(request.user, partnership, group=group, today=today)
        return export_response(request=request, partnership=partnership, export=list_exports.MEETINGS,
                               rows=rows, fmt=fmt)
    return render(request, "meetings/list.html", {
        **selectors.meeting_list_page(request.user, partnership, group_raw=group_raw, today=today),
        "export_query": export_query(request)})


def _prefilled_date(raw) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _terms_lede(group, day: date) -> str:
    terms = selectors.terms_for(group, day)
    if terms is None:
        return f"The {group.name} has no terms of reference in force, so any mode is allowed."
    cadence = terms.meetings.business_cadence.value
    schedule = ("no business meeting schedule is set by its terms of reference" if cadence == "none"
                else f"its terms of reference set {cadence} business meetings")
    notes = f" Chairing: {terms.chairing.notes}" if terms.chairing.notes else ""
    return f"Everyone on the {group.name} on the day is invited by e-mail; {schedule}.{notes}"


@login_required
def meeting_schedule(request):
    partnership = partnership_for_request(request)
    require_administer_page(request, partnership)
    group = selectors.group_of(partnership, request.GET.get("group"))
    if group is None:
        return render(request, "meetings/schedule/choose_group.html",
                      {"groups": selectors.group_choices(partnership), "posted": request.method == "POST"},
                      status=400 if request.method == "POST" else 200)
    day = _prefilled_date(request.GET.get("date"))
    kind = request.GET.get("kind")
    initial = {"starts_on": day, "kind": kind if kind in forms.MeetingKind.values else None}
    seats, chosen = selectors.chair_options(group, day or timezone.localdate())
    terms = selectors.terms_for(group, day or timezone.localdate())
    form = forms.MeetingScheduleForm(
        request.POST or None, chair_seats=seats, reviews=list(selectors.rapid_review_choices(group)),
        modes=[m.value for m in terms.meetings.modes] if terms else forms.MeetingMode.values,
        initial={**initial, "chairs": [str(pk) for pk in chosen]})
    return handle_form(
        request, form, template=FORM,
        call=lambda data: services.meeting_schedule(actor=request.user, group=group, **data),
        success_url=lambda meeting: reverse("meetings:detail", args=[meeting.pk]),
        message="Meeting scheduled: the invitations are being sent",
        context={"page_heading": "Schedule a meeting", "caption": group.name, "back_url": reverse("meetings:list"),
                 "lede": _terms_lede(group, day or timezone.localdate()), "submit_label": "Schedule the meeting"})


def _managed(request, pk):
    meeting = meeting_get(request.user, pk)
    if not can_manage_meetings(request.user, meeting.partnership):
        raise PermissionDenied
    return meeting


def _closed(request, meeting):
    """The page for a meeting that can no longer be changed, or None while it is scheduled."""
    reason = services.closed_reason(meeting)
    if reason and request.method != "POST":
        return render(request, "meetings/schedule/closed.html", {"meeting": meeting, "reason": reason})
    return None


@login_required
def meeting_edit(request, pk):
    meeting = _managed(request, pk)
    closed = _closed(request, meeting)
    if closed:
        return closed
    day = timezone.localdate(meeting.starts_at)
    seats, _chosen = selectors.chair_options(meeting.group, day)
    terms = selectors.terms_for(meeting.group, day)
    form = forms.MeetingDetailsForm(request.POST or None, chair_seats=seats, initial=forms.details_initial(meeting),
                                    modes=[m.value for m in terms.meetings.modes] if terms else
                                    forms.MeetingMode.values)
    back = reverse("meetings:detail", args=[pk])
    return handle_form(
        request, form, template=FORM,
        call=lambda data: services.meeting_update(actor=request.user, meeting=meeting, **data),
        success_url=back, message="Meeting saved: anyone invited is sent the change",
        context={"page_heading": "Change the meeting", "caption": meeting.group.name, "back_url": back,
                 "lede": "A change to the time, place, mode, link or title sends everyone invited an updated "
                         "calendar invitation.", "submit_label": "Save changes"})


@login_required
def meeting_cancel(request, pk):
    meeting = _managed(request, pk)
    closed = _closed(request, meeting)
    if closed:
        return closed
    back = reverse("meetings:detail", args=[pk])
    return handle_form(
        request, forms.CancelForm(request.POST if request.method == "POST" else None),
        template="meetings/schedule/cancel.html",
        call=lambda data: services.meeting_cancel(actor=request.user, meeting=meeting, reason=data["reason"]),
        success_url=back, message="Meeting cancelled: everyone invited is sent the cancellation",
        context={"page_heading": "Cancel the meeting", "caption": str(meeting), "back_url": back,
                 "warning": f"Everyone invited will be sent a cancellation for {selectors.when_text(meeting)}. "
                            "This cannot be undone."})


@login_required
def invitation_add(request, pk):
    meeting = _managed(request, pk)
    closed = _closed(request, meeting)
    if closed:
        return closed
    invited = set(meeting.invitations.filter(withdrawn=False).values_list("person_id", flat=True))
    people = [p for p in selectors.people_choices(meeting.partnership) if p.pk not in invited]
    back = reverse("meetings:detail", args=[pk])
    return handle_form(
        request, forms.InviteForm(request.POST or None, people=people), template=FORM,
        call=lambda data: services.invitation_add(actor=request.user, meeting=meeting, person=data["person"]),
        success_url=f"{back}#invitations", message="Invited: the calendar invitation is being sent",
        context={"page_heading": "Invite someone", "caption": str(meeting), "back_url": back,
                 "submit_label": "Invite"})


def _answerable(request, pk, invitation_pk):
    meeting, invitation = selectors.invitation_get(request.user, pk, invitation_pk)
    if not selectors.can_answer(request.user, meeting, invitation):
        raise PermissionDenied
    return meeting, invitation


@login_required
def invitation_respond(request, pk, invitation_pk):
    meeting, invitation = _answerable(request, pk, invitation_pk)
    closed = _closed(request, meeting)
    if closed:
        return closed
    back = reverse("meetings:detail", args=[pk])
    return handle_form(
        request, forms.RespondForm(request.POST or None, initial={"response": invitation.response}), template=FORM,
        call=lambda data: services.invitation_respond(actor=request.user, invitation=invitation,
                                                      response=data["response"]),
        success_url=f"{back}#invitations", message="Answer recorded",
        context={"page_heading": f"Record {invitation.person.full_name}'s answer", "caption": str(meeting),
                 "back_url": back, "submit_label": "Save the answer"})


@login_required
def invitation_apologies(request, pk, invitation_pk):
    meeting, invitation = _answerable(request, pk, invitation_pk)
    closed = _closed(request, meeting)
    if closed:
        return closed
    seat = invitation.seat if invitation.seat and not (invitation.as_deputy or invitation.seat.co_opted) else None
    people = [p for p in selectors.people_choices(meeting.partnership) if p.pk != invitation.person_id]
    current = invitation.deputy_named or (seat.deputy if seat else None)
    form = forms.ApologiesForm(request.POST or None, people=people if seat else [],
                               initial={"deputy": str(current.pk) if current else ""})
    back = reverse("meetings:detail", args=[pk])
    lede = (f"{invitation.person.full_name} is invited as {selectors.capacity_text(invitation)}. "
            + ("Name who will attend in their place: they are invited and sent the calendar invitation."
               if seat else "Only a member invited for their own seat can name a deputy."))
    return handle_form(
        request, form, template=FORM,
        call=lambda data: services.invitation_apologies(actor=request.user, invitation=invitation,
                                                        deputy=data.get("deputy")),
        success_url=f"{back}#invitations", message="Apologies recorded",
        context={"page_heading": f"Apologies from {invitation.person.full_name}", "caption": str(meeting),
                 "back_url": back, "lede": lede, "submit_label": "Record apologies"})


def _post_back(request, meeting, call, message: str):
    """Run a button's service; on a refusal show the meeting page with the reason (400)."""
    try:
        call()
    except ValidationError as exc:
        context = meeting_page_parts(meeting, request.user, timezone.localdate())
        return render(request, "meetings/detail.html", {**context, "invitations_errors": exc.messages}, status=400)
    messages.success(request, message)
    return redirect(f"{reverse('meetings:detail', args=[meeting.pk])}#invitations")


@require_POST
@login_required
def invitation_resend(request, pk, invitation_pk):
    meeting, invitation = selectors.invitation_get(request.user, pk, invitation_pk)
    if not can_manage_meetings(request.user, meeting.partnership):
        raise PermissionDenied
    return _post_back(request, meeting, lambda: services.invitation_resend(actor=request.user, invitation=invitation),
                      f"Invitation sent again to {invitation.person.full_name}")


@require_POST
@login_required
def apologies_withdraw(request, pk, invitation_pk):
    meeting, invitation = _answerable(request, pk, invitation_pk)
    return _post_back(
        request, meeting, lambda: services.invitation_apologies_withdraw(actor=request.user, invitation=invitation),
        f"Apologies withdrawn: {invitation.person.full_name} will attend")
