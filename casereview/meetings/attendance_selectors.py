"""Reads for attendance and quorum: the verdict forecast from the invitations before the meeting, and the
verdict of the attendance recorded at it, each with its reasons and the rule that produced it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from casereview.domain.clocks import format_date
from casereview.domain.governance_lifecycle import MeetingStatus, MinutesStatus
from casereview.domain.quorum import Attendee, Verdict
from casereview.partnerships.models import Membership
from casereview.partnerships.quorum_selectors import quorum_verdict
from casereview.partnerships.terms_selectors import parsed, terms_in_force

from .models import Attendance, Invitation, Minutes
from .models.meeting import (
    AttendanceStatus,
    InvitationResponse,
    meeting_day,  # noqa: F401  (re-exported for this module's users)
)

ATTENDING = (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY, AttendanceStatus.CO_OPTED)
CO_OPTED_WHY = "co-opted: does not count towards quorum"
NO_TERMS = "No terms of reference were in force on the day of the meeting, so quorum cannot be judged"



def quorum_rule(meeting) -> str:
    """The quorum rule of the terms in force on the meeting's day, in words, with the version it comes from."""
    version = terms_in_force(meeting.group, meeting_day(meeting))
    if version is None:
        return NO_TERMS
    return (f"{parsed(version).quorum_policy().describe()} (terms of reference version {version.version}, in force "
            f"from {format_date(version.effective_from)})")


def seats_on_the_day(meeting) -> list[Membership]:
    """The group's seats that count towards quorum on the meeting's day: those a deputy can stand in for."""
    day = meeting_day(meeting)
    seats = Membership.objects.filter(group=meeting.group, co_opted=False).select_related("person")
    return [m for m in seats.order_by("person__full_name", "role_title") if m.is_current(day)]


def invitation_attendees(invitations: Iterable) -> list[Attendee]:
    """Who is expected: invitees who accepted or have not answered (not those who sent apologies or were
    withdrawn); a deputy invited for a member's seat is expected for that member."""
    attendees = []
    for invitation in invitations:
        if invitation.withdrawn or invitation.response == InvitationResponse.APOLOGIES:
            continue
        seat = invitation.seat if invitation.as_deputy else None
        attendees.append(Attendee(person_id=str(invitation.person_id), name=invitation.person.full_name,
                                  attending_for=str(seat.person_id) if seat is not None else None))
    return attendees


def row_attendees(rows: Iterable[dict]) -> list[Attendee]:
    """Attendance rows ({"person", "status", "attending_for"}) as the quorum rule sees them (as
    meetings.services.meeting_verdict does for saved rows)."""
    return [
        Attendee(person_id=str(row["person"].pk), name=row["person"].full_name,
                 attending_for=str(row["attending_for"].person_id)
                 if row["status"] == AttendanceStatus.DEPUTY and row.get("attending_for") else None)
        for row in rows if row["status"] in ATTENDING
    ]


def rows_verdict(meeting, rows: list[dict]) -> Verdict | None:
    """The verdict the rows would give, without saving them."""
    return quorum_verdict(meeting.group, meeting_day(meeting), row_attendees(rows))


def saved_rows(meeting) -> list[dict]:
    """The recorded attendance as rows, invitees first in name order."""
    records = Attendance.objects.filter(meeting=meeting).select_related("person", "attending_for__person")
    return [{"person": a.person, "status": a.status, "attending_for": a.attending_for}
            for a in records.order_by("person__full_name")]


def explain(verdict: Verdict | None, rows: list[dict]) -> dict:
    """The verdict for a page: quorate or not, the shortfalls, and one line per person saying how they count."""
    reasons = {r.person_id: r for r in verdict.attendees} if verdict is not None else {}
    people = []
    for row in rows:
        reason = reasons.get(str(row["person"].pk))
        status = row["status"]
        if status == AttendanceStatus.CO_OPTED:
            counted, why = False, CO_OPTED_WHY
        elif reason is not None:
            counted, why = reason.counted, reason.why
        else:
            counted, why = False, "not expected" if row.get("expected") is False else "not present"
        people.append({"name": row["person"].full_name, "state": row.get("label") or _status_label(row),
                       "counted": counted, "why": why})
    return {
        "judged": verdict is not None,
        "quorate": bool(verdict and verdict.quorate),
        "summary": verdict.summary if verdict is not None else NO_TERMS,
        "shortfalls": list(verdict.shortfalls) if verdict is not None else [],
        "people": people,
    }


def _status_label(row: dict) -> str:
    if row["status"] == AttendanceStatus.DEPUTY and row.get("attending_for"):
        return f"Deputy attending for {row['attending_for'].person.full_name}"
    return AttendanceStatus(row["status"]).label


def forecast(meeting) -> dict:
    """The quorum expected from the invitations, with how each invitee is expected to count."""
    invitations = list(Invitation.objects.filter(meeting=meeting, withdrawn=False).select_related(
        "person", "seat__person").order_by("person__full_name"))
    verdict = quorum_verdict(meeting.group, meeting_day(meeting), invitation_attendees(invitations))
    rows = [_invitation_row(i) for i in invitations]
    return {**explain(verdict, rows), "invited": len(invitations)}


def _invitation_row(invitation) -> dict:
    deputy = invitation.as_deputy and invitation.seat_id is not None
    if invitation.response == InvitationResponse.APOLOGIES:
        label, status = "Sent apologies", AttendanceStatus.APOLOGIES
    elif deputy:
        answered = "accepted" if invitation.response == InvitationResponse.ACCEPTED else "not yet responded"
        label, status = f"Deputy for {invitation.seat.person.full_name} ({answered})", AttendanceStatus.DEPUTY
    else:
        label = "Accepted" if invitation.response == InvitationResponse.ACCEPTED else "Not yet responded"
        status = AttendanceStatus.PRESENT
    return {"person": invitation.person, "status": status, "label": label,
            "expected": invitation.response != InvitationResponse.APOLOGIES,
            "attending_for": invitation.seat if deputy else None}


def mark_held_problems(meeting, today: date, has_attendance: bool) -> list[str]:
    """Why the meeting cannot be marked held yet (empty when it can)."""
    problems = []
    day = meeting_day(meeting)
    if day > today:
        problems.append(f"The meeting is on {format_date(day)}: it can be marked held on or after that day")
    if not has_attendance:
        problems.append("Record who attended before marking the meeting held")
    return problems


def attendance_closed_reason(meeting) -> str:
    """Why attendance cannot be recorded or corrected now, or "" when it can."""
    if meeting.status == MeetingStatus.CANCELLED:
        return "The meeting was cancelled: there is no attendance to record."
    if Minutes.objects.filter(meeting=meeting).exclude(status=MinutesStatus.DRAFT).exists():
        return "The minutes of this meeting are approved: its attendance can no longer be changed."
    return ""


def attendance_part(meeting, user, today: date) -> dict:
    """The attendance part of the meeting page: the rule, the forecast, the recorded verdict, and whether
    the meeting can be marked held."""
    if meeting.status == MeetingStatus.CANCELLED:
        return {"attendance_cancelled": True}
    rows = saved_rows(meeting)
    recorded = explain(rows_verdict(meeting, rows), rows) if rows else None
    scheduled = meeting.status == MeetingStatus.SCHEDULED
    minutes = Minutes.objects.filter(meeting=meeting).only("status").first()
    return {
        "attendance_rule": quorum_rule(meeting),
        "attendance_forecast": forecast(meeting) if scheduled else None,
        "attendance_recorded": recorded,
        "attendance_scheduled": scheduled,
        "attendance_held": meeting.status == MeetingStatus.HELD,
        "attendance_quorate": meeting.quorate,
        "attendance_editable": minutes is None or minutes.status == MinutesStatus.DRAFT,
        "attendance_held_problems": mark_held_problems(meeting, today, bool(rows)) if scheduled else [],
    }


def attendance_form_rows(meeting) -> list[dict]:
    """One row per invitee (then anyone else recorded), with the attendance recorded so far or, before any is
    recorded, what the invitation suggests: accepted → present, apologies → apologies, an accepted deputy →
    deputy for the member's seat; an invitee who has not answered is left for the business team to choose."""
    saved = {a.person_id: a for a in Attendance.objects.filter(meeting=meeting).select_related(
        "person", "attending_for__person")}
    invitations = Invitation.objects.filter(meeting=meeting, withdrawn=False).select_related(
        "person", "seat__person", "deputy_named").order_by("person__full_name")
    rows = []
    for invitation in invitations:
        row = _suggested(invitation)
        record = saved.pop(invitation.person_id, None)
        if record is not None:
            row.update(status=record.status, attending_for=record.attending_for)
        rows.append(row)
    for record in sorted(saved.values(), key=lambda a: a.person.full_name):
        rows.append({"person": record.person, "status": record.status, "attending_for": record.attending_for,
                     "note": "Not invited: added to the attendance"})
    return rows


def _suggested(invitation) -> dict:
    deputy = invitation.as_deputy and invitation.seat_id is not None
    accepted = invitation.response == InvitationResponse.ACCEPTED
    if invitation.response == InvitationResponse.APOLOGIES:
        named = f"; named {invitation.deputy_named.full_name} as deputy" if invitation.deputy_named_id else ""
        return {"person": invitation.person, "status": AttendanceStatus.APOLOGIES, "attending_for": None,
                "note": f"Sent apologies{named}"}
    answered = "accepted" if accepted else "not yet responded"
    if deputy:
        return {"person": invitation.person, "status": AttendanceStatus.DEPUTY if accepted else "",
                "attending_for": invitation.seat,
                "note": f"Invited as deputy for {invitation.seat.person.full_name} ({answered})"}
    return {"person": invitation.person, "status": AttendanceStatus.PRESENT if accepted else "", "attending_for": None,
            "note": f"Invited ({answered})"}
