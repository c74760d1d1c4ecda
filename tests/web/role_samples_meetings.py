"""Sample governance records for the role-by-URL walk, made directly so every page has something to show."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from casereview.actions.models import Action
from casereview.meetings.models import (
    AgendaItem,
    Declaration,
    Escalation,
    EscalationPosition,
    Invitation,
    Meeting,
    MinuteEntry,
    Minutes,
    Paper,
    RegisteredInterest,
    TaskGroup,
    TaskGroupMember,
)
from casereview.partnerships.models import Agency, AgencyKind, Group, Membership

LONDON = ZoneInfo("Europe/London")


def meeting_samples(partnership, review) -> dict:
    """A business meeting of the Case Review Subgroup with an agenda, a paper, invitations, a declaration,
    draft minutes with an action, an escalation, a task-and-finish group and a registered interest."""
    group = Group.objects.get(partnership=partnership, name="Case Review Subgroup")
    seat = Membership.objects.filter(group=group).order_by("pk").first()
    police = Agency.objects.get(partnership=partnership, kind=AgencyKind.POLICE)
    person = seat.person
    meeting = Meeting.objects.create(partnership=partnership, group=group, kind="business", title="Quarterly meeting",
                                     starts_at=datetime(2026, 3, 10, 10, 0, tzinfo=LONDON), mode="virtual",
                                     link="https://meet.example.org/crs")
    Invitation.objects.create(meeting=meeting, person=person, seat=seat)
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Learning from reviews", owner=person)
    paper = Paper.objects.create(item=item, title="Briefing", file=ContentFile(b"Fictional paper.", name="brief.txt"),
                                 original_name="brief.txt", content_type="text/plain", size=16, sha256="0" * 64)
    declaration = Declaration.objects.create(meeting=meeting, item=item, person=person, kind="professional",
                                             interest="Manages the team involved (fictional).")
    minutes = Minutes.objects.create(meeting=meeting)
    entry = MinuteEntry.objects.create(minutes=minutes, item=item, discussion="Discussed.", decision="Agreed.")
    action = Action.objects.create(partnership=partnership, title="Share the briefing", owner=person,
                                   agency=person.agency, due_date=date(2026, 4, 10), set_on=date(2026, 3, 10),
                                   meeting=meeting, minute_entry=entry)
    escalation = Escalation.objects.create(partnership=partnership, group=group, meeting=meeting,
                                           subject="Threshold disagreement", body="SLG", raised_on=date(2026, 3, 11))
    EscalationPosition.objects.create(escalation=escalation, agency=police, position="Fictional position.")
    task_group = TaskGroup.objects.create(partnership=partnership, parent=group, name="Neglect audit",
                                          purpose="Audit neglect cases.", deadline=date(2026, 6, 30),
                                          created_on=date(2026, 3, 10))
    TaskGroupMember.objects.create(task_group=task_group, person=person, nominated_by=person.agency,
                                   nominated_on=date(2026, 3, 10))
    interest = RegisteredInterest.objects.create(partnership=partnership, person=person, kind="personal",
                                                 interest="Trustee of a local charity (fictional).",
                                                 declared_on=date(2026, 1, 5))
    return {
        "meeting": {"pk": meeting.pk},
        "agenda_item": {"pk": meeting.pk, "item_pk": item.pk},
        "paper": {"pk": paper.pk},
        "declaration": {"pk": declaration.pk},
        "minutes": {"pk": meeting.pk},
        "minute_entry": {"pk": meeting.pk, "entry_pk": entry.pk},
        "action": {"pk": action.pk},
        "escalation": {"pk": escalation.pk},
        "task_group": {"pk": task_group.pk},
        "interest": {"pk": interest.pk},
        "person_interests": {"pk": person.pk},
        "meeting_group": {"group_pk": group.pk},
        "invitation": {"pk": meeting.pk, "invitation_pk": Invitation.objects.get(meeting=meeting).pk},
    }
