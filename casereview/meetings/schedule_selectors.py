"""Reads for scheduling: the meetings list with proposals from the cadence, the choices on the schedule
form, and the invitations part of the meeting page. Times are shown in Europe/London."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from casereview.domain.clocks import format_date
from casereview.domain.governance import cadence_months, proposed_meeting_dates
from casereview.domain.governance_lifecycle import MeetingStatus
from casereview.partnerships.access import can_administer
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.models import Group, Membership, Person
from casereview.partnerships.terms_selectors import parsed, terms_in_force

from .access import can_manage_meetings
from .models import Invitation, Meeting
from .selectors import meeting_get, meeting_list

PAST_SHOWN = 50
CLOSED_REVIEW_STATUSES = ("closed", "withdrawn")


# --- words for times, places and capacities -------------------------------------------------------------

def clock_words(at: time) -> str:
    """A wall-clock time as GOV.UK writes it: 10am, 2:30pm, midday, midnight."""
    if (at.hour, at.minute) == (12, 0):
        return "midday"
    if (at.hour, at.minute) == (0, 0):
        return "midnight"
    minutes = f":{at.minute:02d}" if at.minute else ""
    return f"{at.hour % 12 or 12}{minutes}{'am' if at.hour < 12 else 'pm'}"


def uk_clock(moment: datetime) -> str:
    """An instant as a UK wall-clock time in words."""
    return clock_words(timezone.localtime(moment).time())


def when_text(meeting) -> str:
    """'Tuesday 10 March 2026, 10am to midday' in UK time."""
    start = timezone.localtime(meeting.starts_at)
    end = start + timedelta(minutes=meeting.duration_minutes)
    return f"{format_date(start.date())}, {uk_clock(start)} to {uk_clock(end)}"


def where_text(meeting) -> str:
    if meeting.mode == "in_person":
        return f"In person: {meeting.place}" if meeting.place else "In person"
    return f"Virtual: {meeting.link}" if meeting.link else "Virtual"


def meeting_heading(meeting) -> str:
    """The meeting's title, else its kind ('Business meeting')."""
    return meeting.title or f"{meeting.get_kind_display()} meeting"


def capacity_text(invitation) -> str:
    """In what capacity a person is invited: member, deputy for a member, co-opted member or guest."""
    seat = invitation.seat
    if seat is None:
        return "guest"
    if invitation.as_deputy:
        return f"deputy for {seat.person.full_name} ({seat.role_title})"
    if seat.co_opted:
        return f"co-opted member ({seat.co_opted_for or seat.role_title})"
    return f"member ({seat.role_title})"


# --- the schedule form's choices -----------------------------------------------------------------------

def group_choices(partnership):
    return Group.objects.filter(partnership=partnership).order_by("name")


def group_of(partnership, raw) -> Group | None:
    """One of the partnership's groups by a typed id, else None (junk and another partnership's look alike)."""
    try:
        return group_choices(partnership).filter(pk=int(raw)).first()
    except (TypeError, ValueError):
        return None


def seats_on(group, day: date) -> list[Membership]:
    """The group's seats in force on `day`, co-opted seats included (those co-opted on that date)."""
    current = Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))
    return list(Membership.objects.filter(group=group).filter(current).select_related("person__agency")
                .order_by("co_opted", "role_title", "person__full_name"))


def chair_options(group, day: date) -> tuple[list[Membership], list[int]]:
    """(seats that may chair, people preselected as chairs) from the members and the terms in force.

    A seat may chair if the membership says chair or co-chair, or its terms role may chair; the preselected
    are those the memberships name as chair or co-chair. With neither, any standing member may chair."""
    seats = [s for s in seats_on(group, day) if not s.co_opted]
    version = terms_in_force(group, day)
    may_chair = {r.key for r in parsed(version).roles if r.chair} if version else set()
    options = [s for s in seats if s.chair or s.role_key in may_chair] or seats
    unique = list({s.person_id: s for s in options}.values())
    return unique, [s.person_id for s in unique if s.chair]


def rapid_review_choices(group):
    from casereview.reviews.models import RapidReview

    return (RapidReview.objects.filter(group=group).exclude(status__in=CLOSED_REVIEW_STATUSES)
            .select_related("notification").order_by("-pk"))


def people_choices(partnership):
    return Person.objects.filter(partnership=partnership).select_related("agency").order_by("full_name")


def terms_for(group, day: date):
    """The parsed terms of reference in force on `day`, or None."""
    version = terms_in_force(group, day)
    return parsed(version) if version else None


# --- the meetings list ---------------------------------------------------------------------------------

@dataclass
class GroupProposals:
    group: Group
    note: str
    dates: list[tuple[str, str]] = field(default_factory=list)  # (date in words, schedule link or "")


def meeting_rows(meetings) -> list[dict]:
    return [{"meeting": m, "heading": meeting_heading(m), "when": when_text(m), "where": m.get_mode_display(),
             "status": m.get_status_display(), "cancelled": m.status == MeetingStatus.CANCELLED} for m in meetings]


def meeting_list_page(user, partnership, *, group_raw, today: date) -> dict:
    """The meetings list: upcoming (soonest first) and past (newest first), optionally of one group,
    and each group's proposed business meetings from its cadence."""
    groups = list(group_choices(partnership))
    chosen = group_of(partnership, group_raw) if group_raw else None
    base = meeting_list(user, partnership, group=chosen, upcoming=True, today=today)
    past = meeting_list(user, partnership, group=chosen, upcoming=False, today=today)[:PAST_SHOWN]
    can_manage = can_manage_meetings(user, partnership)
    return {
        "groups": groups, "chosen_group": chosen, "can_manage": can_manage,
        "upcoming_rows": meeting_rows(base.order_by("starts_at", "pk")), "past_rows": meeting_rows(past),
        "proposals": [group_proposals(partnership, g, today, can_manage) for g in ([chosen] if chosen else groups)],
    }


def group_proposals(partnership, group, today: date, with_links: bool) -> GroupProposals:
    """The next business meetings the group's cadence proposes, or why there are none."""
    terms = terms_for(group, today)
    if terms is None:
        return GroupProposals(group, "No terms of reference are in force, so no meeting schedule is set.")
    months = cadence_months(terms)
    if months is None:
        return GroupProposals(group, "No schedule is set by its terms of reference: meetings are called when "
                                     "they are needed (rapid review meetings are ad hoc).")
    last = (Meeting.objects.filter(group=group, kind="business", status__in=[MeetingStatus.SCHEDULED,
                                                                            MeetingStatus.HELD])
            .order_by("-starts_at").first())
    anchor = timezone.localdate(last.starts_at) if last else None
    dates = proposed_meeting_dates(terms, last_meeting=anchor, today=today, calendar=partnership_calendar(partnership))
    since = f"the last business meeting, {format_date(anchor)}" if anchor else "today (no business meeting yet)"
    note = (f"Its terms of reference set {terms.meetings.business_cadence.value} business meetings. Proposed from "
            f"{since}, moved to the next working day where needed.")
    link = reverse("meetings:schedule")
    return GroupProposals(group, note, [
        (format_date(d), f"{link}?group={group.pk}&date={d.isoformat()}&kind=business" if with_links else "")
        for d in dates])


# --- invitations ---------------------------------------------------------------------------------------

def invitation_get(user, pk, invitation_pk) -> tuple[Meeting, Invitation]:
    """A meeting the user may read and one of its invitations, else Http404."""
    meeting = meeting_get(user, pk)
    invitation = (Invitation.objects.filter(meeting=meeting, pk=invitation_pk)
                  .select_related("person__agency", "seat__person", "seat__deputy", "deputy_named").first())
    if invitation is None:
        raise Http404("No such invitation.")
    return meeting, invitation


def is_invitee(user, invitation) -> bool:
    return user.is_authenticated and invitation.person.user_id == user.pk


def can_answer(user, meeting, invitation) -> bool:
    """The business team answers for anyone; an invited person with a sign-in answers for themself."""
    return can_administer(user, meeting.partnership) or is_invitee(user, invitation)


def invitations_part(meeting, user, today: date) -> dict:
    """The invitations part of the meeting page: who is invited, how, their answer and when last sent."""
    invitations = list(meeting.invitations.select_related("person__agency", "seat__person", "deputy_named"))
    chairs = {p.pk for p in meeting.chairs.all()}
    manage = can_manage_meetings(user, meeting.partnership)
    open_ = meeting.status == MeetingStatus.SCHEDULED
    rows = [_invitation_row(i, meeting, chairs, open_ and (manage or is_invitee(user, i))) for i in invitations]
    return {
        "invitations_rows": rows, "invitations_can_manage": manage and open_, "invitations_open": open_,
        "invitations_chairs": [i.person for i in invitations if i.person_id in chairs],
        "invitations_no_email": [r["name"] for r in rows if not r["email"] and not r["withdrawn"]],
    }


def _invitation_row(invitation, meeting, chairs, can_answer_row: bool) -> dict:
    if not invitation.person.email:
        sent = "No e-mail address"
    elif invitation.sent_at is None:
        sent = "Not sent yet"
    else:
        sent = f"{format_date(timezone.localdate(invitation.sent_at))} at {uk_clock(invitation.sent_at)}"
        if invitation.sent_sequence < meeting.sequence and not invitation.withdrawn:
            sent += " (before the latest change)"
    response = invitation.get_response_display()
    if invitation.deputy_named:
        response += f"; deputy: {invitation.deputy_named.full_name}"
    return {
        "invitation": invitation, "name": invitation.person.full_name, "email": invitation.person.email,
        "agency": invitation.person.agency.name, "capacity": capacity_text(invitation),
        "chair": invitation.person_id in chairs, "response": response, "sent": sent,
        "withdrawn": invitation.withdrawn, "apologies": invitation.response == "apologies",
        "can_answer": can_answer_row and not invitation.withdrawn,
    }
