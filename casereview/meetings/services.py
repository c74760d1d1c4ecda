"""Recording a group's meetings and who attended, judged by the quorum rule of the terms in force that day."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.governance_lifecycle import MeetingStatus
from casereview.domain.lifecycle import RapidReviewStatus
from casereview.domain.quorum import Attendee, Verdict
from casereview.partnerships.access import require_administer
from casereview.partnerships.quorum_selectors import quorum_verdict

from .models import Attendance, Meeting

STATUSES = ("present", "deputy", "apologies", "absent")
ATTENDING = ("present", "deputy", "co_opted")
MODES = ("in_person", "virtual")
NO_TERMS = "No terms of reference were in force on the day, so quorum cannot be judged"


@transaction.atomic
def rapid_review_meeting_record(*, actor, review, starts_at: datetime, mode: str, place: str,
                                attendance: list[dict]) -> Meeting:
    """Record the meeting and its attendance, judge quorum, and move the review to meeting held.

    Attendance rows are {"person", "status", "attending_for"}; `attending_for` (a Membership of the review's
    group) is needed, and only kept, when the status is "deputy"."""
    from casereview.reviews.models import RapidReview
    from casereview.reviews.services import _transition

    require_administer(actor, review.partnership)
    locked = RapidReview.objects.select_for_update().get(pk=review.pk)
    locked = _transition(actor, locked, RapidReviewStatus.MEETING_HELD, "")
    _validate(locked, starts_at, mode, attendance)
    meeting = Meeting.objects.create(partnership=locked.partnership, group=locked.group, kind="rapid_review",
                                     starts_at=starts_at, mode=mode, place=(place or "").strip(), rapid_review=locked,
                                     status=MeetingStatus.HELD, created_by=actor)
    Attendance.objects.bulk_create([
        Attendance(meeting=meeting, person=row["person"], status=row["status"],
                   attending_for=row.get("attending_for") if row["status"] == "deputy" else None)
        for row in attendance
    ])
    verdict = meeting_verdict(meeting)
    meeting.quorate = verdict.quorate if verdict is not None else None
    meeting.save(update_fields=["quorate"])
    audit_record(actor=actor, verb=Verb.CREATED, target=meeting, partnership=locked.partnership, changes={
        "starts_at": [None, starts_at.isoformat()], "mode": [None, mode],
        "attendance": [None, [f"{row['person']}: {row['status']}" for row in attendance]],
        "quorum": [None, verdict_summary(verdict)],
    })
    return meeting


def _validate(review, starts_at, mode, attendance) -> None:
    errors: dict[str, list[str]] = {}
    if not isinstance(starts_at, datetime):
        errors["starts_on"] = ["Enter the date of the meeting"]
    else:
        day = timezone.localdate(starts_at) if timezone.is_aware(starts_at) else starts_at.date()
        if day > timezone.localdate():
            errors["starts_on"] = ["The meeting date cannot be in the future: record a meeting once it has happened"]
        elif day < review.notification.received_date:
            errors["starts_on"] = ["The meeting cannot be before the notification was received "
                                   f"({format_date(review.notification.received_date)})"]
    if mode not in MODES:
        errors["mode"] = ["Select whether the meeting was in person or virtual"]
    problems = _attendance_errors(review, attendance)
    if problems:
        errors["__all__"] = problems
    if errors:
        raise ValidationError(errors)


def _attendance_errors(review, attendance) -> list[str]:
    problems = []
    twice = [p for p, n in Counter(row["person"].pk for row in attendance).items() if n > 1]
    for row in attendance:
        person, status, seat = row["person"], row.get("status"), row.get("attending_for")
        if person.partnership_id != review.partnership_id:
            problems.append(f"{person} is not one of this partnership's people")
        elif status not in STATUSES:
            problems.append(f"Say whether {person} was present, a deputy, sent apologies or was absent")
        elif status == "deputy" and (seat is None or seat.group_id != review.group_id):
            problems.append(f"Say which member of {review.group} {person} attended for")
        elif status == "deputy" and seat.person_id == person.pk:
            problems.append(f"{person} cannot be their own deputy: choose present instead")
        elif person.pk in twice:
            problems.append(f"{person} is listed more than once: a person can attend in one capacity only")
            twice.remove(person.pk)
    if not any(row.get("status") in ATTENDING for row in attendance):
        problems.append("Record at least one person who attended")
    return problems


def meeting_verdict(meeting) -> Verdict | None:
    """The quorum verdict of a meeting, recomputed from its attendance and the terms in force on its date."""
    rows = meeting.attendance.select_related("person", "attending_for")
    attendees = [
        Attendee(person_id=str(row.person_id), name=row.person.full_name,
                 attending_for=str(row.attending_for.person_id) if row.status == "deputy" and row.attending_for
                 else None)
        for row in rows if row.status in ATTENDING
    ]
    return quorum_verdict(meeting.group, timezone.localdate(meeting.starts_at), attendees)


def verdict_summary(verdict: Verdict | None) -> str:
    return verdict.summary if verdict is not None else NO_TERMS


def last_review_meeting(review) -> Meeting | None:
    """The latest rapid review meeting held on a review."""
    return review.meetings.filter(kind="rapid_review").order_by("-starts_at", "-pk").first()
