"""How people present are counted towards quorum, whatever the policy.

- Each member row is one role held by one person. A co-opted member never counts (even as someone's deputy),
  but is still listed among those present.
- A deputy counts only for the member they stand in for, and only when that member is not present in person.
- An attendee who is neither a member nor a deputy does not count.
- One person counts once: a person who could meet several requirements (two roles, or a role of their own and
  one as a deputy) meets at most one of them.

Requirements are taken in the policy's order. Each takes the first person present, in order of attendance,
who could meet it; if all of those are already counted for an earlier requirement, an earlier choice is moved
to another person who can meet it instead. The result covers as many requirements as any assignment could, so
adding someone to a meeting never makes it inquorate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from casereview.domain.partners import StatutoryPartner

CO_OPTED = "co-opted member: co-opted members never count towards quorum"
NOT_A_MEMBER = "not a member of this group"


@dataclass(frozen=True)
class Member:
    """One person in one role of a group. `role_title` is optional and only used in explanations."""

    person_id: str
    name: str
    role_key: str
    represents: StatutoryPartner | None
    co_opted: bool = False
    role_title: str = ""

    @property
    def role_label(self) -> str:
        """Return the role as shown to people."""
        return self.role_title or self.role_key.replace("_", " ")


@dataclass(frozen=True)
class Attendee:
    """A person present at a meeting; `attending_for` is the person_id of the member they deputise for."""

    person_id: str
    name: str
    attending_for: str | None = None


@dataclass(frozen=True)
class AttendeeReason:
    """Whether one person present counted towards quorum, for what, and why."""

    person_id: str
    name: str
    counted: bool
    counts_for: str | None
    why: str


@dataclass(frozen=True)
class Seat:
    """A member row a person present could fill: their own, or an absent member's as deputy."""

    member: Member
    as_deputy: bool

    def describe(self) -> str:
        m = self.member
        return f"deputy for {m.name} ({m.role_label})" if self.as_deputy else f"member ({m.role_label})"


@dataclass(frozen=True)
class Person:
    """One person present (listed once however often they appear), with the seats they could fill."""

    person_id: str
    name: str
    seats: tuple[Seat, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Requirement:
    """Something a quorum needs one person for: a partner represented, a core role, a member present."""

    name: str  # what is reported missing when nobody meets it
    counts_for: str  # what a person meeting it is said to count for
    accepts: Callable[[Member], bool]


def people(members: Sequence[Member], attendees: Sequence[Attendee]) -> list[Person]:
    """Turn attendance into people, each with the member seats they could fill."""
    rows: dict[str, list[Member]] = {}
    for m in members:
        rows.setdefault(m.person_id, []).append(m)
    listings: dict[str, list[Attendee]] = {}
    for a in attendees:
        listings.setdefault(a.person_id, []).append(a)
    return [_person(entries, rows, set(listings)) for entries in listings.values()]


def _person(entries: list[Attendee], rows: dict[str, list[Member]], present: set[str]) -> Person:
    first = entries[0]
    own = rows.get(first.person_id, [])
    if own and all(m.co_opted for m in own):
        return Person(first.person_id, first.name, (), (CO_OPTED,))
    seats = [Seat(m, False) for m in own if not m.co_opted]
    notes: list[str] = []
    targets = dict.fromkeys(e.attending_for for e in entries if e.attending_for not in (None, first.person_id))
    for target in targets:
        stood_for, note = _deputy_seats(target, rows, present)
        seats += stood_for
        notes += [note] if note else []
    if not seats and not notes:
        notes.append(NOT_A_MEMBER)
    return Person(first.person_id, first.name, tuple(seats), tuple(notes))


def _deputy_seats(target: str, rows: dict[str, list[Member]], present: set[str]) -> tuple[list[Seat], str]:
    if target not in rows:
        return [], "named as deputy for someone who is not a member of this group"
    name = rows[target][0].name
    stood_for = [m for m in rows[target] if not m.co_opted]
    if not stood_for:
        return [], f"deputy for {name}, a co-opted member: co-opted members never count towards quorum"
    if target in present:
        return [], f"deputy for {name}, but {name} is present in person"
    return [Seat(m, True) for m in stood_for], ""


def assign(requirements: Sequence[Requirement], people: Sequence[Person]) -> dict[int, tuple[int, Seat]]:
    """Match requirements to people, one each, covering as many requirements as possible."""
    options = [
        [(p, seat) for p, person in enumerate(people) for seat in person.seats if req.accepts(seat.member)]
        for req in requirements
    ]
    holder: dict[int, int] = {}  # person index -> requirement index
    for r in range(len(requirements)):
        _place(r, options, holder, set())
    return {r: (p, next(s for q, s in options[r] if q == p)) for p, r in holder.items()}


def _place(r: int, options: list[list[tuple[int, Seat]]], holder: dict[int, int], tried: set[int]) -> bool:
    """Give requirement `r` a person, moving earlier choices along if that frees someone (augmenting path)."""
    for p, _seat in options[r]:
        if p in tried:
            continue
        tried.add(p)
        if p not in holder or _place(holder[p], options, holder, tried):
            holder[p] = r
            return True
    return False


def reasons(
    people: Sequence[Person], requirements: Sequence[Requirement], assigned: dict[int, tuple[int, Seat]]
) -> tuple[AttendeeReason, ...]:
    """Explain, for each person present, whether they counted and why."""
    by_person = {p: (r, seat) for r, (p, seat) in assigned.items()}
    holders = {r: people[p].name for r, (p, _seat) in assigned.items()}
    out = []
    for i, person in enumerate(people):
        if i in by_person:
            r, seat = by_person[i]
            label = requirements[r].counts_for
            why = f"{seat.describe()}, counts for {label}"
            out.append(AttendeeReason(person.person_id, person.name, True, label, why))
        else:
            idle = [_idle(s, requirements, holders) for s in person.seats] + list(person.notes)
            out.append(AttendeeReason(person.person_id, person.name, False, None, "; ".join(dict.fromkeys(idle))))
    return tuple(out)


def _idle(seat: Seat, requirements: Sequence[Requirement], holders: dict[int, str]) -> str:
    """Say why a seat a person could fill did not count."""
    met = [r for r, req in enumerate(requirements) if req.accepts(seat.member)]
    if not met:
        return f"{seat.describe()}: this role does not count towards quorum"
    return f"{seat.describe()}: {requirements[met[0]].name} is already represented by {holders.get(met[0], 'another')}"


def merge_reasons(groups: Sequence[tuple[AttendeeReason, ...]]) -> tuple[AttendeeReason, ...]:
    by_person: dict[str, list[AttendeeReason]] = {}
    for group in groups:
        for reason in group:
            by_person.setdefault(reason.person_id, []).append(reason)
    return tuple(_merge_one(rs) for rs in by_person.values())


def _merge_one(reasons: list[AttendeeReason]) -> AttendeeReason:
    if len(set(reasons)) == 1:
        return reasons[0]
    counts = list(dict.fromkeys(r.counts_for for r in reasons if r.counted and r.counts_for))
    why = "; ".join(dict.fromkeys(r.why for r in reasons))
    return AttendeeReason(reasons[0].person_id, reasons[0].name, bool(counts), ", ".join(counts) or None, why)

