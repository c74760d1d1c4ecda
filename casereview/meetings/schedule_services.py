"""Scheduling a group's meetings, changing and cancelling them, and inviting people (members, deputies named
with apologies, guests). Each write is one transaction with its audit event; the calendar invitations go by
e-mail once it has committed (see `ics.invitations_mail`)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.governance_lifecycle import MEETING, MeetingStatus
from casereview.domain.lifecycle import TransitionError
from casereview.domain.terms import RapidReviewMeetings

from . import schedule_selectors as selectors
from .access import require_manage_meetings
from .ics import invitations_mail
from .models import Invitation, Meeting
from .models.meeting import InvitationResponse, MeetingKind, MeetingMode

LONDON = ZoneInfo("Europe/London")
MIN_MINUTES, MAX_MINUTES = 15, 600
MAX_YEARS_AHEAD = 3
# Changes to these are sent out again as an updated invitation with a higher SEQUENCE.
SENT_FIELDS = ("title", "starts_at", "duration_minutes", "mode", "place", "link")


def london_start(day: date, at: time) -> datetime:
    """The instant a meeting starts at wall time `at` on `day` in the UK, or a ValidationError on start_time.

    Rule: a time that does not exist (the hour the clocks skip in March) or happens twice (the hour repeated
    in October) is refused with a message, rather than guessed: choose a time outside 1am to 2am that night.
    """
    naive = datetime.combine(day, at)
    first, second = naive.replace(tzinfo=LONDON, fold=0), naive.replace(tzinfo=LONDON, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    words = selectors.clock_words(at)
    if first.astimezone(ZoneInfo("UTC")).astimezone(LONDON).replace(tzinfo=None) != naive:
        message = (f"There is no {words} on {format_date(day)}: the clocks go forward an hour that night. "
                   "Choose a time outside 1am to 2am")
    else:
        message = (f"{words} happens twice on {format_date(day)}: the clocks go back an hour that night. "
                   "Choose a time outside 1am to 2am")
    raise ValidationError({"start_time": [message]})


def _starts_at(errors, starts_on, start_time) -> datetime | None:
    if not isinstance(starts_on, date):
        errors["starts_on"] = ["Enter the date of the meeting"]
        return None
    if not isinstance(start_time, time):
        errors["start_time"] = ["Enter the time the meeting starts, for example 10:00"]
        return None
    try:
        return london_start(starts_on, start_time)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        return None


def _details_errors(group, data: dict, *, moved: bool) -> tuple[dict, datetime | None]:
    """Check a meeting's details against the calendar, the group's terms and its members; return the errors."""
    errors: dict[str, list[str]] = {}
    starts_at = _starts_at(errors, data.get("starts_on"), data.get("start_time"))
    now = timezone.now()
    if starts_at and moved and starts_at <= now:
        errors["starts_on"] = ["The meeting must start in the future"]
    elif starts_at and starts_at > now + timedelta(days=365 * MAX_YEARS_AHEAD):
        errors["starts_on"] = [f"The meeting must be within {MAX_YEARS_AHEAD} years from today"]
    minutes = data.get("duration_minutes")
    if not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        errors["duration_minutes"] = [f"The length must be between {MIN_MINUTES} and {MAX_MINUTES} minutes"]
    day = starts_at.astimezone(LONDON).date() if starts_at else timezone.localdate()
    terms = selectors.terms_for(group, day)
    _where_errors(errors, group, terms, data)
    options = {s.person_id for s in selectors.chair_options(group, day)[0]}
    chairs = data.get("chairs") or []
    if not chairs:
        errors["chairs"] = ["Select at least one chair"]
    elif any(p.pk not in options for p in chairs):
        errors["chairs"] = [f"Chairs must be members of the {group.name} who may chair it"]
    return errors, starts_at


def _where_errors(errors, group, terms, data) -> None:
    mode = data.get("mode")
    allowed = [m.value for m in terms.meetings.modes] if terms else list(MeetingMode.values)
    if mode not in MeetingMode.values:
        errors["mode"] = ["Select whether the meeting is in person or virtual"]
    elif mode not in allowed:
        errors["mode"] = [f"The terms of reference of the {group.name} allow only "
                          f"{' or '.join(MeetingMode(m).label.lower() for m in allowed)} meetings"]
    elif mode == MeetingMode.IN_PERSON and not (data.get("place") or "").strip():
        errors["place"] = ["Enter where the meeting is, for an in-person meeting"]
    elif mode == MeetingMode.VIRTUAL and not (data.get("link") or "").startswith(("https://", "http://")):
        errors["link"] = ["Enter the joining link, starting https://, for a virtual meeting"]


def _kind_errors(errors, group, kind, rapid_review, day) -> None:
    terms = selectors.terms_for(group, day)
    if kind not in MeetingKind.values:
        errors["kind"] = ["Select the kind of meeting"]
    elif (kind == MeetingKind.RAPID_REVIEW and terms
          and terms.meetings.rapid_review_meetings == RapidReviewMeetings.NONE):
        errors["kind"] = [f"The terms of reference of the {group.name} say it does not hold rapid reviews"]
    if rapid_review is not None and kind != MeetingKind.RAPID_REVIEW:
        errors["rapid_review"] = ["Link a rapid review only to a rapid review meeting"]
    elif rapid_review is not None and rapid_review.group_id != group.pk:
        errors["rapid_review"] = [f"Choose a rapid review of the {group.name}"]


@transaction.atomic
def meeting_schedule(*, actor, group, kind: str, title: str = "", starts_on, start_time, duration_minutes,
                     mode: str, place: str = "", link: str = "", chairs, rapid_review=None) -> Meeting:
    """Schedule a meeting and invite everyone sitting on the group that day (co-opted members current then
    included); each invitee is e-mailed an ICS invitation once it is saved."""
    require_manage_meetings(actor, group.partnership)
    data = {"starts_on": starts_on, "start_time": start_time, "duration_minutes": duration_minutes, "mode": mode,
            "place": place, "link": link, "chairs": chairs}
    errors, starts_at = _details_errors(group, data, moved=True)
    _kind_errors(errors, group, kind, rapid_review,
                 starts_at.astimezone(LONDON).date() if starts_at else timezone.localdate())
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        partnership=group.partnership, group=group, kind=kind, title=(title or "").strip(), starts_at=starts_at,
        duration_minutes=duration_minutes, mode=mode, place=(place or "").strip(), link=(link or "").strip(),
        rapid_review=rapid_review, status=MeetingStatus.SCHEDULED.value, sequence=0, created_by=actor)
    meeting.chairs.set(chairs)
    seats = {}
    for seat in selectors.seats_on(group, starts_at.astimezone(LONDON).date()):
        seats.setdefault(seat.person_id, seat)
    invitations = Invitation.objects.bulk_create(
        [Invitation(meeting=meeting, person_id=person_id, seat=seat) for person_id, seat in seats.items()])
    audit_record(actor=actor, verb=Verb.CREATED, target=meeting, partnership=meeting.partnership, changes={
        "kind": [None, kind], "starts_at": [None, starts_at.isoformat()], "mode": [None, mode],
        "place": [None, meeting.place], "link": [None, meeting.link],
        "chairs": [None, sorted(p.full_name for p in chairs)],
        "invited": [None, sorted(s.person.full_name for s in seats.values())],
    })
    _mail_on_commit(meeting, [i.pk for i in invitations], "invite")
    return meeting


def _mail_on_commit(meeting, invitation_ids: list[int], kind: str) -> None:
    if invitation_ids:
        transaction.on_commit(partial(invitations_mail, meeting.pk, invitation_ids, kind))


def _locked(meeting) -> Meeting:
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("group", "partnership").get(pk=meeting.pk)
    if locked.status != MeetingStatus.SCHEDULED:
        raise ValidationError({"__all__": [closed_reason(locked)]})
    return locked


def closed_reason(meeting) -> str:
    """Why a meeting can no longer be changed, or "" while it is scheduled."""
    if meeting.status == MeetingStatus.HELD:
        return "This meeting has been held, so it can no longer be changed or cancelled"
    if meeting.status == MeetingStatus.CANCELLED:
        return "This meeting was cancelled, so it can no longer be changed"
    return ""


@transaction.atomic
def meeting_update(*, actor, meeting, title: str = "", starts_on, start_time, duration_minutes, mode: str,
                   place: str = "", link: str = "", chairs) -> Meeting:
    """Change a scheduled meeting. A change to its time, place, mode, link or title raises SEQUENCE and sends
    everyone invited an updated ICS (same UID); a change of chairs is recorded but not sent."""
    require_manage_meetings(actor, meeting.partnership)
    locked = _locked(meeting)
    data = {"starts_on": starts_on, "start_time": start_time, "duration_minutes": duration_minutes, "mode": mode,
            "place": place, "link": link, "chairs": chairs}
    tentative = _starts_at({}, starts_on, start_time)
    errors, starts_at = _details_errors(locked.group, data, moved=tentative != locked.starts_at)
    if errors:
        raise ValidationError(errors)
    new = {"title": (title or "").strip(), "starts_at": starts_at, "duration_minutes": duration_minutes,
           "mode": mode, "place": (place or "").strip(), "link": (link or "").strip()}
    changes = {f: [_plain(getattr(locked, f)), _plain(v)] for f, v in new.items() if getattr(locked, f) != v}
    old_chairs = sorted(p.full_name for p in locked.chairs.all())
    if old_chairs != sorted(p.full_name for p in chairs):
        changes["chairs"] = [old_chairs, sorted(p.full_name for p in chairs)]
        locked.chairs.set(chairs)
    if not changes:
        return locked
    sent = any(f in changes for f in SENT_FIELDS)
    for f, v in new.items():
        setattr(locked, f, v)
    if sent:
        changes["sequence"] = [locked.sequence, locked.sequence + 1]
        locked.sequence += 1
    locked.save(update_fields=[*new, "sequence"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership, changes=changes)
    if sent:
        _mail_on_commit(locked, list(locked.invitations.filter(withdrawn=False).values_list("pk", flat=True)),
                        "update")
    return locked


def _plain(value):
    return value.isoformat() if isinstance(value, datetime) else value


@transaction.atomic
def meeting_cancel(*, actor, meeting, reason: str) -> Meeting:
    """Cancel a scheduled meeting with a reason; everyone invited gets a METHOD:CANCEL ICS."""
    require_manage_meetings(actor, meeting.partnership)
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("partnership").get(pk=meeting.pk)
    try:
        status = MEETING.check(locked.status, MeetingStatus.CANCELLED)
    except TransitionError as exc:
        raise ValidationError({"__all__": [closed_reason(locked) or str(exc)]}) from exc
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ["Enter why the meeting is cancelled"]})
    before = locked.status
    locked.status, locked.cancelled_reason, locked.sequence = status, reason, locked.sequence + 1
    locked.save(update_fields=["status", "cancelled_reason", "sequence"])
    audit_record(actor=actor, verb=Verb.CANCELLED, target=locked, partnership=locked.partnership, changes={
        "status": [before, status], "cancelled_reason": ["", reason], "sequence": [locked.sequence - 1,
                                                                                   locked.sequence]})
    _mail_on_commit(locked, list(locked.invitations.filter(withdrawn=False).values_list("pk", flat=True)), "cancel")
    return locked


# --- invitations ---------------------------------------------------------------------------------------

def _open_invitation(actor, invitation, *, manage: bool) -> tuple[Meeting, Invitation]:
    meeting = invitation.meeting
    if manage:
        require_manage_meetings(actor, meeting.partnership)
    elif not selectors.can_answer(actor, meeting, invitation):
        raise PermissionDenied("Only the business team or the person invited can answer for this invitation.")
    locked = _locked(meeting)
    return locked, Invitation.objects.select_for_update(of=("self",)).select_related(
        "person", "seat__person", "seat__deputy", "deputy_named").get(pk=invitation.pk)


@transaction.atomic
def invitation_add(*, actor, meeting, person) -> Invitation:
    """Invite one more person (a guest, or a co-opted expert); a seat they hold on the group that day is theirs."""
    require_manage_meetings(actor, meeting.partnership)
    locked = _locked(meeting)
    if person is None or person.partnership_id != locked.partnership_id:
        raise ValidationError({"person": ["Choose one of the partnership's people"]})
    day = timezone.localdate(locked.starts_at)
    seat = next((s for s in selectors.seats_on(locked.group, day) if s.person_id == person.pk), None)
    existing = Invitation.objects.filter(meeting=locked, person=person).first()
    if existing is not None and not existing.withdrawn:
        raise ValidationError({"person": [f"{person} is already invited"]})
    if existing is None:
        invitation = Invitation.objects.create(meeting=locked, person=person, seat=seat)
    else:
        invitation = _reinvite(existing, seat=seat, as_deputy=False)
    audit_record(actor=actor, verb=Verb.CREATED, target=invitation, partnership=locked.partnership,
                 changes={"person": [None, person.full_name], "capacity": [None, selectors.capacity_text(invitation)]})
    _mail_on_commit(locked, [invitation.pk], "invite")
    return invitation


def _reinvite(invitation, *, seat, as_deputy: bool) -> Invitation:
    invitation.seat, invitation.as_deputy, invitation.withdrawn = seat, as_deputy, False
    invitation.response, invitation.deputy_named = InvitationResponse.INVITED, None
    invitation.save(update_fields=["seat", "as_deputy", "withdrawn", "response", "deputy_named"])
    return invitation


@transaction.atomic
def invitation_resend(*, actor, invitation) -> Invitation:
    """E-mail one person the meeting's current ICS again (or the cancel, if their invitation was withdrawn)."""
    meeting, locked = _open_invitation(actor, invitation, manage=True)
    if not locked.person.email:
        raise ValidationError({"__all__": [f"{locked.person} has no e-mail address: add one to their record "
                                           "first"]})
    changed_since = 0 <= locked.sent_sequence < meeting.sequence
    kind = "withdraw" if locked.withdrawn else ("update" if changed_since else "invite")
    audit_record(actor=actor, verb=Verb.SENT, target=locked, partnership=meeting.partnership,
                 changes={"sent": [None, f"{kind} (sequence {meeting.sequence})"]})
    _mail_on_commit(meeting, [locked.pk], kind)
    return locked


@transaction.atomic
def invitation_respond(*, actor, invitation, response: str) -> Invitation:
    """Record that the person has not replied or will attend; this withdraws any apologies (and their deputy)."""
    meeting, locked = _open_invitation(actor, invitation, manage=False)
    if response not in (InvitationResponse.INVITED, InvitationResponse.ACCEPTED):
        raise ValidationError({"response": ["Select whether they will attend or have not replied"]})
    return _set_response(actor, meeting, locked, response, deputy=None)


@transaction.atomic
def invitation_apologies(*, actor, invitation, deputy=None) -> Invitation:
    """Record apologies, naming a deputy for a member's seat; the deputy is invited and sent the ICS."""
    meeting, locked = _open_invitation(actor, invitation, manage=False)
    if deputy is not None:
        _deputy_check(meeting, locked, deputy)
    return _set_response(actor, meeting, locked, InvitationResponse.APOLOGIES, deputy=deputy)


@transaction.atomic
def invitation_apologies_withdraw(*, actor, invitation) -> Invitation:
    """The person can come after all: they are marked as attending and any deputy they named is stood down."""
    meeting, locked = _open_invitation(actor, invitation, manage=False)
    if locked.response != InvitationResponse.APOLOGIES:
        raise ValidationError({"__all__": [f"{locked.person} has not sent apologies"]})
    return _set_response(actor, meeting, locked, InvitationResponse.ACCEPTED, deputy=None)


def _deputy_check(meeting, invitation, deputy) -> None:
    problem = None
    terms = selectors.terms_for(meeting.group, timezone.localdate(meeting.starts_at))
    if invitation.seat is None or invitation.as_deputy or invitation.seat.co_opted:
        problem = "Only a member invited for their own seat can name a deputy"
    elif terms is not None and not terms.deputies.allowed:
        problem = f"The terms of reference of the {meeting.group.name} do not allow deputies"
    elif deputy.partnership_id != meeting.partnership_id:
        problem = "Choose one of the partnership's people"
    elif deputy.pk == invitation.person_id:
        problem = f"{deputy} cannot be their own deputy"
    else:
        other = Invitation.objects.filter(meeting=meeting, person=deputy, withdrawn=False).select_related(
            "seat__person").first()
        if other is not None and not (other.as_deputy and other.seat_id == invitation.seat_id):
            problem = (f"{deputy} is already invited as {selectors.capacity_text(other)}: a person attends in one "
                       "capacity only, so name someone else")
    if problem:
        raise ValidationError({"deputy": [problem]})


def _set_response(actor, meeting, invitation, response: str, *, deputy) -> Invitation:
    before = (invitation.response, invitation.deputy_named)
    changes = {}
    if before[1] is not None and before[1] != deputy:
        _stand_down(meeting, invitation, before[1])
    if deputy is not None and before[1] != deputy:
        changes["deputy_invited"] = [None, _invite_deputy(meeting, invitation, deputy).person.full_name]
    invitation.response, invitation.deputy_named = response, deputy
    invitation.save(update_fields=["response", "deputy_named"])
    changes.update({"response": [before[0], response],
                    "deputy_named": [before[1].full_name if before[1] else None, deputy.full_name if deputy else None]})
    audit_record(actor=actor, verb=Verb.UPDATED, target=invitation, partnership=meeting.partnership,
                 changes={k: v for k, v in changes.items() if v[0] != v[1]})
    return invitation


def _invite_deputy(meeting, invitation, deputy) -> Invitation:
    existing = Invitation.objects.filter(meeting=meeting, person=deputy).first()
    if existing is None:
        made = Invitation.objects.create(meeting=meeting, person=deputy, seat=invitation.seat, as_deputy=True)
    else:
        made = _reinvite(existing, seat=invitation.seat, as_deputy=True)
    _mail_on_commit(meeting, [made.pk], "invite")
    return made


def _stand_down(meeting, invitation, deputy) -> None:
    """Withdraw the invitation of the deputy named for this seat, and send them a cancel."""
    theirs = Invitation.objects.filter(meeting=meeting, person=deputy, as_deputy=True, seat=invitation.seat,
                                       withdrawn=False).first()
    if theirs is not None:
        theirs.withdrawn = True
        theirs.save(update_fields=["withdrawn"])
        _mail_on_commit(meeting, [theirs.pk], "withdraw")
