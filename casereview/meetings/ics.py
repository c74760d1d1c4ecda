"""Calendar invitations for meetings: the iCalendar file (RFC 5545/5546) and the e-mail that carries it.

One UID for the life of a meeting; SEQUENCE rises with every change sent out, so calendars replace the old
entry. Times are written in Europe/London with a VTIMEZONE generated from the time zone database, so a meeting
either side of a clock change shows at the same wall time in every calendar. Invitations carry the group, the
time, the place and a link to the meeting page, never a child's details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parseaddr
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from casereview.outbox.services import OutboxAttachment, deliverable, outbox_queue

from .schedule_selectors import capacity_text, meeting_heading, when_text, where_text

LONDON = ZoneInfo("Europe/London")
TZID = "Europe/London"
PRODID = "-//casereview//Meetings//EN"
REQUEST, CANCEL = "REQUEST", "CANCEL"
PARTSTAT = {"invited": "NEEDS-ACTION", "accepted": "ACCEPTED", "apologies": "DECLINED"}


@dataclass(frozen=True)
class Invitee:
    """One ATTENDEE line: who, and their ROLE (CHAIR, REQ-PARTICIPANT, OPT-PARTICIPANT) and PARTSTAT."""

    name: str
    email: str
    role: str = "REQ-PARTICIPANT"
    partstat: str = "NEEDS-ACTION"


def meeting_uid(meeting) -> str:
    """The meeting's iCalendar UID: its own UUID at the service's host name."""
    host = urlparse(settings.SITE_URL).hostname or "casereview"
    return f"{meeting.uid}@{host}"


def meeting_url(meeting) -> str:
    return f"{settings.SITE_URL}{reverse('meetings:detail', args=[meeting.pk])}"


def organizer(meeting) -> tuple[str, str]:
    """(name, e-mail) of the organizer: the business team user who scheduled it, else the service's sender."""
    user = meeting.created_by
    if user is not None and user.email:
        return user.get_full_name() or user.get_username(), user.email
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return name or "casereview", address


def build_invitation(meeting, attendees: list[Invitee], method: str, *, stamp: datetime | None = None) -> bytes:
    """Return the iCalendar file for `meeting` addressed to `attendees`, with METHOD `method` (REQUEST/CANCEL).

    A CANCEL of a cancelled meeting carries STATUS:CANCELLED; a CANCEL of a meeting still going ahead
    removes only the attendees listed (RFC 5546 3.2.5), so it carries no STATUS.
    """
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"Unknown iTIP method {method!r}")
    start = timezone.localtime(meeting.starts_at, LONDON)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", method)
    cal.add_component(_vtimezone(start.date()))
    cal.add_component(_vevent(meeting, attendees, method, start, stamp or timezone.now()))
    return cal.to_ical()


def _vtimezone(on: date) -> Timezone:
    """Europe/London's rules for the years around the meeting (both clock changes of its year included)."""
    return Timezone.from_tzinfo(LONDON, tzid=TZID, first_date=date(on.year - 1, 1, 1),
                                last_date=date(on.year + 2, 1, 1))


def _vevent(meeting, attendees, method, start, stamp) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", stamp.astimezone(ZoneInfo("UTC")))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=meeting.duration_minutes))
    event.add("summary", meeting_heading(meeting))
    event.add("location", meeting.place if meeting.mode == "in_person" else meeting.link)
    event.add("description", _description(meeting))
    event.add("url", meeting_url(meeting))
    name, address = organizer(meeting)
    event.add("organizer", _address(address, name=name))
    for person in attendees:
        event.add("attendee", _address(person.email, name=person.name, role=person.role, partstat=person.partstat,
                                       rsvp=person.partstat == "NEEDS-ACTION"))
    if method == REQUEST:
        event.add("status", "CONFIRMED")
    elif meeting.status == "cancelled":
        event.add("status", "CANCELLED")
    return event


def _address(email: str, *, name: str, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = vText(name)
    for key, value in params.items():
        if key == "rsvp":
            address.params["RSVP"] = "TRUE" if value else "FALSE"
        else:
            address.params[key.upper()] = value
    return address


def _description(meeting) -> str:
    return (f"{meeting_heading(meeting)} of the {meeting.group.name}.\n"
            f"The agenda, papers and joining details are on the meeting page (sign in): {meeting_url(meeting)}\n"
            "Do not reply with case details.")


def invitee_of(invitation, chair_ids: set[int]) -> Invitee:
    """The ATTENDEE line for an invitation: chairs chair, members and deputies are required, others optional."""
    seat = invitation.seat
    if invitation.person_id in chair_ids:
        role = "CHAIR"
    elif seat is not None and not seat.co_opted:
        role = "REQ-PARTICIPANT"
    else:
        role = "OPT-PARTICIPANT"
    return Invitee(invitation.person.full_name, invitation.person.email, role,
                   PARTSTAT.get(invitation.response, "NEEDS-ACTION"))


# Each message: (subject opening, first line of the body).
OPENINGS = {
    "invite": ("Invitation", "You are invited to this meeting."),
    "update": ("Updated invitation", "This meeting has changed: the attached invitation replaces the earlier one."),
    "cancel": ("Cancelled", "This meeting has been cancelled. The attached file removes it from your calendar."),
    "withdraw": ("No longer needed", "You are no longer needed at this meeting (the member you were asked to "
                                     "deputise for can attend, or has named someone else)."),
}


def invitations_mail(meeting_id: int, invitation_ids: list[int], kind: str) -> list[int]:
    """Queue an e-mail with the meeting's ICS for each invitation's person in the outbox; return the ids queued.

    Runs after commit (so the file shows the meeting as saved). `kind` is invite, update (METHOD:REQUEST),
    cancel or withdraw (METHOD:CANCEL). People without an e-mail address are skipped. The outbox delivers each
    message, retrying while the mail server is down, and stamps the invitation's "last sent" once it has gone.
    """
    from .models import Invitation, Meeting

    meeting = Meeting.objects.select_related("group", "created_by", "partnership").filter(pk=meeting_id).first()
    if meeting is None:
        return []
    chair_ids = set(meeting.chairs.values_list("pk", flat=True))
    chosen = list(Invitation.objects.filter(meeting=meeting, pk__in=invitation_ids)
                  .select_related("person", "seat__person"))
    method = CANCEL if kind in ("cancel", "withdraw") else REQUEST
    # A request lists everyone still invited, so each calendar shows the whole attendee list; a cancel
    # names only its recipient.
    listed = [invitee_of(i, chair_ids) for i in Invitation.objects.filter(meeting=meeting, withdrawn=False)
              .select_related("person", "seat") if i.person.email] if method == REQUEST else []
    stamp = timezone.now()
    queued = []
    with transaction.atomic():
        for invitation in chosen:
            if not deliverable([invitation.person.email]):
                continue
            ics = build_invitation(meeting, listed or [invitee_of(invitation, chair_ids)], method, stamp=stamp)
            _queue(meeting, invitation, kind, method, ics, stamp)
            queued.append(invitation.pk)
    return queued


def _queue(meeting, invitation, kind: str, method: str, ics: bytes, stamp: datetime) -> None:
    opening, first_line = OPENINGS[kind]
    body = (f"{first_line}\n\n{meeting_heading(meeting)}, {meeting.group.name}\n"
            f"When: {when_text(meeting)} (UK time)\nWhere: {where_text(meeting)}\n"
            f"You are invited as: {capacity_text(invitation)}\n\n"
            f"The agenda and papers are on the meeting page (sign in): {meeting_url(meeting)}\n"
            "If you cannot attend, tell the partnership's business team; a member can name a deputy on the "
            "meeting page.\n\nDo not reply to this e-mail with case details.\n")
    outbox_queue(
        to=invitation.person.email, subject=f"{opening}: {meeting_heading(meeting)}, {when_text(meeting)}",
        body=body, about=f"the {kind} for {meeting}", partnership=meeting.partnership,
        key=f"meeting-invitation:{invitation.pk}:{kind}:{meeting.sequence}:{stamp.isoformat()}",
        attachment=OutboxAttachment(filename="invite.ics" if method == REQUEST else "cancel.ics",
                                    content_type=f"text/calendar; method={method}; charset=utf-8", data=ics),
        on_sent="casereview.meetings.ics.invitation_sent",
        on_sent_args={"invitation_id": invitation.pk, "sequence": meeting.sequence})


def invitation_sent(*, invitation_id: int, sequence: int, sent_at: datetime) -> None:
    """Called by the outbox once an invitation's e-mail has gone: record when, unless a later one went first."""
    from .models import Invitation

    Invitation.objects.filter(pk=invitation_id, sent_sequence__lte=sequence).update(sent_sequence=sequence,
                                                                                   sent_at=sent_at)
