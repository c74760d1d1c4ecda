"""Turn a group's memberships into the domain's quorum members, and assess who is present."""

from __future__ import annotations

from datetime import date

from casereview.domain.partners import StatutoryPartner
from casereview.domain.quorum import Attendee, Member, Verdict

from .selectors import membership_list
from .terms_selectors import parsed, terms_in_force


def quorum_members(group, on: date) -> list[Member]:
    """The group's current members as the quorum rule sees them (role and statutory partner per seat)."""
    return [
        Member(
            person_id=str(m.person_id), name=m.person.full_name, role_key=m.role_key or f"seat-{m.pk}",
            represents=StatutoryPartner(m.represents) if m.represents else None, co_opted=m.co_opted,
            role_title=m.role_title,
        )
        for m in membership_list(group)
        if m.is_current(on)
    ]


def quorum_verdict(group, on: date, attendees: list[Attendee]) -> Verdict | None:
    """Assess attendance against the quorum rule of the terms in force on `on`; None if there are no terms."""
    version = terms_in_force(group, on)
    if version is None:
        return None
    return parsed(version).quorum_policy().assess(quorum_members(group, on), attendees)


def full_attendance(group, on: date) -> list[Attendee]:
    """Everyone on the group attending in person: the best case, shown on the group's page."""
    return [Attendee(person_id=m.person_id, name=m.name) for m in quorum_members(group, on)]
