"""Governance records for the demo partnership: two held business meetings of the Case Review Subgroup, the
next one scheduled with its agenda, actions (one overdue, owned by the police), an escalation, a task-and-finish
group and registered interests. Everything goes through the services, so the audit trail is complete.

Meetings can only be scheduled in the future, so the two held meetings are scheduled ahead and then moved to
their past dates — the one place the demo writes a date directly, and only because it is building history.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.utils import timezone

from casereview.partnerships.models import Agency, AgencyKind, Group, Membership, Person

from .attendance_services import attendance_record, meeting_mark_held
from .escalation_services import escalation_raise
from .interests_services import declaration_record, registered_interest_add
from .minutes_services import minutes_approve, minutes_distribute, minutes_save
from .models import AgendaItem, Meeting
from .schedule_services import LONDON, meeting_schedule
from .task_group_services import task_group_create, task_group_nominate

DEMO_LINK = "https://meet.northmoor.example/case-review-subgroup"


def load_meetings_demo(admin, partnership, today: date | None = None) -> None:
    today = today or timezone.localdate()
    group = Group.objects.get(partnership=partnership, name="Case Review Subgroup")
    from casereview.partnerships.demo import PEOPLE

    by_name = {p.full_name: p for p in Person.objects.filter(partnership=partnership)}
    people = {key: by_name[name] for key, name, _title, _agency in PEOPLE}
    keys = {person.pk: key for key, person in people.items()}
    seats = {keys[m.person_id]: m for m in Membership.objects.filter(group=group).select_related("person")}
    chairs = [people["ayla"], people["helena"]]

    summer = _held(admin, group, today - timedelta(days=70), chairs, "Quarterly business meeting", [
        ("Rapid reviews since the last meeting", False, people["bea"]),
        ("Action plan from the Baby O review (fictional)", True, people["ayla"]),
    ])
    declaration_record(actor=admin, meeting=summer, person=people["grace"], item=_item(summer, 2),
                       kind="professional", interest="Line-managed the health visitor involved (fictional).")
    _attend(admin, summer, seats, deputy_for={"devon": people["priya"]})
    meeting_mark_held(actor=admin, meeting=summer, today=today)
    minutes_save(actor=admin, meeting=summer, entries=[
        _entry(summer, 1, "Two rapid reviews were completed within 15 working days.", "Noted."),
        _entry(summer, 2, "Agencies reported progress on the action plan.", "Agreed to close actions 1 to 3.",
               action={"title": "Share the learning briefing with frontline police officers",
                       "owner": people["devon"], "due_date": today - timedelta(days=14)}),
    ])

    autumn = _held(admin, group, today - timedelta(days=12), chairs, "Quarterly business meeting", [
        ("Minutes of the previous meeting", False, people["bea"]),
        ("Neglect themes across recent reviews", False, people["helena"]),
    ])
    # The police sent apologies and no deputy: the meeting went ahead inquorate.
    _attend(admin, autumn, seats, absent=("devon",))
    meeting_mark_held(actor=admin, meeting=autumn, today=today)
    minutes_save(actor=admin, meeting=autumn, entries=[
        _entry(autumn, 1, "The minutes of the last meeting were agreed as accurate.", "Approved."),
        _entry(autumn, 2, "Neglect features in most recent reviews (fictional figures).",
               "Set up a task-and-finish group on neglect.",
               action={"title": "Draft the neglect audit tool", "owner": people["helena"],
                       "due_date": today + timedelta(days=30)}),
    ])
    minutes_approve(actor=admin, meeting=summer, at_meeting=autumn)
    minutes_distribute(actor=admin, meeting=summer)

    winter = meeting_schedule(actor=admin, group=group, kind="business", title="Quarterly business meeting",
                              starts_on=today + timedelta(days=9), start_time=time(10, 0), duration_minutes=120,
                              mode="virtual", link=DEMO_LINK, chairs=chairs)
    for title, restricted, owner in [("Minutes of the previous meeting", False, people["bea"]),
                                     ("Decisions of the last meeting needing ratification", False, people["bea"]),
                                     ("Scoping a local review (fictional case SIN-DEMO-7)", True, people["ayla"])]:
        from .agenda_services import agenda_item_add

        agenda_item_add(actor=admin, meeting=winter, data={"title": title, "owner": owner, "restricted": restricted,
                                                           "needs_decision": restricted})
    declaration_record(actor=admin, meeting=winter, person=people["oluwaseun"], item=_item(winter, 3),
                       kind="personal", interest="A relative works at the school the child attended (fictional).")

    police = Agency.objects.get(partnership=partnership, kind=AgencyKind.POLICE)
    health = Agency.objects.get(partnership=partnership, kind=AgencyKind.HEALTH_ICB)
    escalation_raise(actor=admin, group=group, subject="Whether the threshold for a local review is met",
                     raised_on=today - timedelta(days=11), meeting=autumn, positions=[
                         {"agency": police, "position": "The criteria are met: agencies did not share information."},
                         {"agency": health, "position": "The rapid review has already captured the learning."},
                     ])
    neglect = task_group_create(actor=admin, parent=group, name="Neglect audit",
                                purpose="Audit ten neglect cases against the partnership's neglect strategy.",
                                deadline=today + timedelta(days=60))
    task_group_nominate(actor=admin, task_group=neglect, agency=health, person=people["helena"])
    task_group_nominate(actor=admin, task_group=neglect, agency=police, person=people["priya"])
    registered_interest_add(actor=admin, person=people["ayla"], kind="personal",
                            interest="Trustee of Northmoor Young Carers (fictional charity).",
                            declared_on=today - timedelta(days=200))
    registered_interest_add(actor=admin, person=people["farid"], kind="professional",
                            interest="Expert witness in family court proceedings (fictional).",
                            declared_on=today - timedelta(days=90))


def _held(admin, group, day: date, chairs, title: str, items) -> Meeting:
    """Schedule a meeting, give it its agenda, then move it back to the past day it was held."""
    from .agenda_services import agenda_item_add

    meeting = meeting_schedule(actor=admin, group=group, kind="business", title=title,
                               starts_on=timezone.localdate() + timedelta(days=1), start_time=time(10, 0),
                               duration_minutes=120, mode="virtual", link=DEMO_LINK, chairs=chairs)
    for item_title, restricted, owner in items:
        agenda_item_add(actor=admin, meeting=meeting, data={"title": item_title, "owner": owner,
                                                            "restricted": restricted, "needs_decision": restricted})
    starts_at = timezone.datetime.combine(day, time(10, 0), tzinfo=LONDON)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=starts_at)
    meeting.refresh_from_db()
    return meeting


def _attend(admin, meeting, seats, *, deputy_for=None, absent=()) -> None:
    deputy_for = deputy_for or {}
    rows = []
    for key, seat in seats.items():
        if key in deputy_for:
            rows.append({"person": seat.person, "status": "apologies", "attending_for": None})
            rows.append({"person": deputy_for[key], "status": "deputy", "attending_for": seat})
        elif key in absent:
            rows.append({"person": seat.person, "status": "apologies", "attending_for": None})
        else:
            rows.append({"person": seat.person, "status": "present", "attending_for": None})
    attendance_record(actor=admin, meeting=meeting, rows=rows)


def _item(meeting, number: int) -> AgendaItem:
    return AgendaItem.objects.get(meeting=meeting, number=number)


def _entry(meeting, number: int, discussion: str, decision: str, action=None) -> dict:
    item = _item(meeting, number)
    return {"key": f"item-{item.pk}", "item_id": item.pk, "heading": item.title, "discussion": discussion,
            "decision": decision, "action": action}
