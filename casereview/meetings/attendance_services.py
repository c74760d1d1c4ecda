"""Recording who attended a meeting and marking it held, with the quorum verdict of the terms in force that day.

An inquorate meeting may go ahead; the decisions in its minutes are flagged as needing ratification at a
later quorate meeting of the same group (see minutes_services.ratification_sync).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.governance_lifecycle import MEETING, MeetingStatus
from casereview.domain.lifecycle import TransitionError
from casereview.domain.quorum import Verdict

from .access import require_manage_meetings
from .attendance_selectors import attendance_closed_reason, mark_held_problems, meeting_day, seats_on_the_day
from .minutes_services import ratification_sync
from .models import Attendance, Meeting
from .models.meeting import AttendanceStatus
from .services import _attendance_errors, meeting_verdict, verdict_summary

STATUS_NAMES = "present, a deputy, co-opted, sent apologies or was absent"


def attendance_problems(meeting, rows: list[dict]) -> list[str]:
    """What is wrong with the attendance rows ({"person", "status", "attending_for"}), in plain English.

    The checks of the rapid review meeting record are reused; a co-opted person is checked as one present,
    and a member of the group cannot be recorded as co-opted (co-opted people never count to quorum)."""
    problems, checked = [], []
    members = {seat.person_id for seat in seats_on_the_day(meeting)}
    for row in rows:
        person, status = row["person"], row.get("status")
        if status not in AttendanceStatus.values:
            problems.append(f"Say whether {person} was {STATUS_NAMES}")
            continue
        if status == AttendanceStatus.CO_OPTED and person.pk in members:
            problems.append(f"{person} is a member of {meeting.group}: record them as present, not co-opted")
        checked.append({**row, "status": AttendanceStatus.PRESENT if status == AttendanceStatus.CO_OPTED
                        else status})
    return problems + _attendance_errors(meeting, checked)


def _lines(rows: list[dict]) -> list[str]:
    return [f"{row['person']}: {row['status']}" + (f" for {row['attending_for'].person}"
                                                   if row["status"] == AttendanceStatus.DEPUTY else "")
            for row in rows]


@transaction.atomic
def attendance_record(*, actor, meeting, rows: list[dict]) -> Verdict | None:
    """Replace the meeting's attendance with `rows` and return the new quorum verdict.

    Allowed while the meeting is scheduled or held and its minutes are still a draft; on a held meeting the
    stored verdict (and the ratification flags of its decisions) follow the corrected attendance."""
    require_manage_meetings(actor, meeting.partnership)
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("group", "partnership").get(pk=meeting.pk)
    closed = attendance_closed_reason(locked)
    if closed:
        raise ValidationError({"__all__": [closed.rstrip(".")]})
    problems = attendance_problems(locked, rows)
    if problems:
        raise ValidationError({"__all__": problems})
    before = [f"{a.person}: {a.status}" for a in locked.attendance.select_related("person").order_by("pk")]
    before_summary = verdict_summary(meeting_verdict(locked)) if before else None
    locked.attendance.all().delete()
    Attendance.objects.bulk_create([
        Attendance(meeting=locked, person=row["person"], status=row["status"],
                   attending_for=row.get("attending_for") if row["status"] == AttendanceStatus.DEPUTY else None)
        for row in rows
    ])
    verdict = meeting_verdict(locked)
    changes = {"attendance": [before, _lines(rows)], "quorum": [before_summary, verdict_summary(verdict)]}
    if locked.status == MeetingStatus.HELD:
        quorate = verdict.quorate if verdict is not None else None
        if quorate != locked.quorate:
            changes["quorate"] = [locked.quorate, quorate]
            locked.quorate = quorate
            locked.save(update_fields=["quorate"])
        ratification_sync(locked)
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership, changes=changes)
    return verdict


@transaction.atomic
def meeting_mark_held(*, actor, meeting, today: date) -> Meeting:
    """Mark a scheduled meeting held (on or after its day, once attendance is recorded) and store its quorum
    verdict; when it was not quorate, its decisions are flagged as needing ratification."""
    require_manage_meetings(actor, meeting.partnership)
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("group", "partnership").get(pk=meeting.pk)
    try:
        status = MEETING.check(locked.status, MeetingStatus.HELD)
    except TransitionError as exc:
        raise ValidationError({"__all__": [str(exc)]}) from exc
    problems = mark_held_problems(locked, today, locked.attendance.exists())
    if problems:
        raise ValidationError({"__all__": problems})
    verdict = meeting_verdict(locked)
    before = locked.status
    locked.status = status
    locked.quorate = verdict.quorate if verdict is not None else None
    locked.save(update_fields=["status", "quorate"])
    ratification_sync(locked)
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership, changes={
        "status": [before, status], "quorate": [None, locked.quorate], "quorum": [None, verdict_summary(verdict)],
        "held_on": [None, meeting_day(locked).isoformat()],
    })
    return locked
