"""Quorum policies as data, and verdicts that say who counted, who did not, and why.

The counting rules shared by every policy (co-opted members, deputies, one person counts once) are in
`quorum_counting`; a policy only says which requirements a meeting must meet.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from casereview.domain.partners import StatutoryPartner
from casereview.domain.quorum_counting import (
    CO_OPTED,
    NOT_A_MEMBER,
    Attendee,
    AttendeeReason,
    Member,
    Requirement,
    assign,
    merge_reasons,
    people,
    reasons,
)

__all__ = [
    "CO_OPTED", "NOT_A_MEMBER", "Attendee", "AttendeeReason", "Member", "Verdict", "QuorumPolicy",
    "StatutoryPartnersRepresented", "CoreRolesPresent", "MinimumHeadcount", "AllOf",
    "policy_from_dict", "policy_errors", "join_and", "KINDS",
]

KINDS = ("statutory_partners", "core_roles", "minimum_headcount", "all_of")


@dataclass(frozen=True)
class Verdict:
    """A quorum decision with its reasons: what is missing and how each person present was treated."""

    quorate: bool
    missing: tuple[str, ...] = ()
    attendees: tuple[AttendeeReason, ...] = ()
    shortfalls: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """Return "Quorate", or "Not quorate: " followed by what is short."""
        return "Quorate" if self.quorate else "Not quorate: " + "; ".join(self.shortfalls)


class QuorumPolicy(ABC):
    """Base of every policy: `assess` gives a Verdict, `describe` a plain-English rule."""

    def describe(self) -> str:
        """Return the rule as one plain-English sentence without a full stop."""
        return f"Quorate when {self.condition()}"

    @abstractmethod
    def condition(self) -> str:
        """Return what must be true for a quorum, as words that follow "Quorate when"."""

    @abstractmethod
    def to_dict(self) -> dict[str, Any]:
        """Return the policy in its stored form (see policy_from_dict)."""

    def assess(self, members: Iterable[Member], attendees: Iterable[Attendee]) -> Verdict:
        """Judge whether `attendees` make a quorum of the group whose membership is `members`."""
        members, attendees = tuple(members), tuple(attendees)
        requirements = self._requirements(members)
        present = people(members, attendees)
        assigned = assign(requirements, present)
        unmet = tuple(req.name for r, req in enumerate(requirements) if r not in assigned)
        return self._verdict(unmet, len(assigned), reasons(present, requirements, assigned))

    def _requirements(self, members: Sequence[Member]) -> list[Requirement]:
        # Policies built from parts (AllOf) override `assess` instead and never reach here.
        raise TypeError(f"{type(self).__name__} must define _requirements or override assess")

    def _verdict(self, unmet: tuple[str, ...], count: int, reasons: tuple[AttendeeReason, ...]) -> Verdict:
        raise TypeError(f"{type(self).__name__} must define _verdict or override assess")


@dataclass(frozen=True)
class StatutoryPartnersRepresented(QuorumPolicy):
    """Quorate when each listed statutory partner is represented by a member, or that member's deputy."""

    partners: tuple[StatutoryPartner, ...] = tuple(StatutoryPartner)

    def condition(self) -> str:
        labels = [StatutoryPartner(p).label for p in self.partners]
        if len(labels) == 1:
            return f"{labels[0]} is represented (by a member or their deputy)"
        return f"{join_and(labels)} are each represented (by a member or their deputy)"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "statutory_partners", "partners": [StatutoryPartner(p).value for p in self.partners]}

    def _requirements(self, members: Sequence[Member]) -> list[Requirement]:
        return [_partner_requirement(StatutoryPartner(p)) for p in self.partners]

    def _verdict(self, unmet: tuple[str, ...], count: int, reasons: tuple[AttendeeReason, ...]) -> Verdict:
        verb = "is" if len(unmet) == 1 else "are"
        shortfalls = (f"{join_and(unmet)} {verb} not represented",) if unmet else ()
        return Verdict(not unmet, unmet, reasons, shortfalls)


def _partner_requirement(partner: StatutoryPartner) -> Requirement:
    return Requirement(partner.label, partner.label, lambda m: m.represents == partner)


@dataclass(frozen=True)
class CoreRolesPresent(QuorumPolicy):
    """Not quorate if any named core role (or its holder's representative) is missing."""

    role_keys: tuple[str, ...]
    role_titles: Mapping[str, str] = field(default_factory=dict, hash=False)

    def title(self, key: str) -> str:
        """Return the title of role `key`, or the key itself when no title is known."""
        return self.role_titles.get(key, key)

    def condition(self) -> str:
        titles = join_and([self.title(k) for k in self.role_keys])
        return f"each of these is present, in person or by their representative: {titles}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "core_roles", "roles": list(self.role_keys)}

    def _requirements(self, members: Sequence[Member]) -> list[Requirement]:
        return [_role_requirement(key, self.title(key)) for key in self.role_keys]

    def _verdict(self, unmet: tuple[str, ...], count: int, reasons: tuple[AttendeeReason, ...]) -> Verdict:
        return Verdict(not unmet, unmet, reasons, (f"missing {join_and(unmet)}",) if unmet else ())


def _role_requirement(key: str, title: str) -> Requirement:
    return Requirement(title, title, lambda m: m.role_key == key)


@dataclass(frozen=True)
class MinimumHeadcount(QuorumPolicy):
    """Quorate when at least `n` members are present, in person or by their deputy."""

    n: int

    def condition(self) -> str:
        return f"at least {self.n} {_plural(self.n, 'member')} {'is' if self.n == 1 else 'are'} present, " \
            "in person or by their deputy"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "minimum_headcount", "n": self.n}

    def _requirements(self, members: Sequence[Member]) -> list[Requirement]:
        counts_for = f"the minimum of {self.n} {_plural(self.n, 'member')}"
        return [_seat_requirement(m, counts_for) for m in members if not m.co_opted]

    def _verdict(self, unmet: tuple[str, ...], count: int, reasons: tuple[AttendeeReason, ...]) -> Verdict:
        short = max(0, self.n - count)
        if not short:
            return Verdict(True, (), reasons)
        shortfall = f"only {count} of the {self.n} members needed {'is' if count == 1 else 'are'} present"
        return Verdict(False, (f"{short} more {_plural(short, 'member')}",), reasons, (shortfall,))


def _seat_requirement(member: Member, counts_for: str) -> Requirement:
    return Requirement(member.name, counts_for, lambda m: m == member)


@dataclass(frozen=True)
class AllOf(QuorumPolicy):
    """Quorate only when every part is; the reasons of all parts are merged."""

    parts: tuple[QuorumPolicy, ...]

    def condition(self) -> str:
        return "; and ".join(p.condition() for p in self.parts)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "all_of", "parts": [p.to_dict() for p in self.parts]}

    def assess(self, members: Iterable[Member], attendees: Iterable[Attendee]) -> Verdict:
        members, attendees = tuple(members), tuple(attendees)
        verdicts = [p.assess(members, attendees) for p in self.parts]
        return Verdict(
            quorate=all(v.quorate for v in verdicts),
            missing=tuple(dict.fromkeys(m for v in verdicts for m in v.missing)),
            attendees=merge_reasons([v.attendees for v in verdicts]),
            shortfalls=tuple(s for v in verdicts for s in v.shortfalls),
        )


def join_and(items: Sequence[str]) -> str:
    """Join words as in a sentence: "a", "a and b", "a, b and c"; semicolons for lists of items with commas."""
    items = list(items)
    if len(items) == 1:
        return items[0]
    if len(items) > 2 and any("," in item for item in items):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"



def policy_from_dict(data: Any, role_titles: Mapping[str, str] | None = None) -> QuorumPolicy:
    """Build a policy from its stored form; raise ValueError when the form is invalid."""
    errors = policy_errors(data)
    if errors:
        raise ValueError("; ".join(f"{path} {message}" for path, message in errors.items()))
    return _build(data, role_titles or {})


def _build(data: Mapping[str, Any], titles: Mapping[str, str]) -> QuorumPolicy:
    kind = data["kind"]
    if kind == "statutory_partners":
        return StatutoryPartnersRepresented(tuple(StatutoryPartner(p) for p in data["partners"]))
    if kind == "core_roles":
        keys = tuple(data["roles"])
        return CoreRolesPresent(keys, {k: titles[k] for k in keys if k in titles})
    if kind == "minimum_headcount":
        return MinimumHeadcount(data["n"])
    return AllOf(tuple(_build(part, titles) for part in data["parts"]))


def policy_errors(data: Any, path: str = "quorum") -> dict[str, str]:
    """Return {field path: plain-English problem} for a stored policy; empty when it is well formed."""
    if not isinstance(data, Mapping):
        return {path: "must be an object with a 'kind'"}
    kind = data.get("kind")
    if kind not in KINDS:
        return {f"{path}.kind": "must be one of: " + ", ".join(KINDS)}
    if kind == "statutory_partners":
        partners = ", ".join(p.value for p in StatutoryPartner)
        return _list_errors(data.get("partners"), f"{path}.partners", _is_partner, f"must be one of: {partners}")
    if kind == "core_roles":
        return _list_errors(data.get("roles"), f"{path}.roles", _is_text, "must be a role key")
    if kind == "minimum_headcount":
        n = data.get("n")
        ok = isinstance(n, int) and not isinstance(n, bool) and n >= 1
        return {} if ok else {f"{path}.n": "must be a whole number of at least 1"}
    return _parts_errors(data.get("parts"), f"{path}.parts")


def _parts_errors(parts: Any, path: str) -> dict[str, str]:
    if not isinstance(parts, (list, tuple)) or not parts:
        return {path: "must be a list of at least one policy"}
    errors: dict[str, str] = {}
    for i, part in enumerate(parts):
        errors.update(policy_errors(part, f"{path}[{i}]"))
    return errors


def _list_errors(values: Any, path: str, ok: Callable[[Any], bool], message: str) -> dict[str, str]:
    if not isinstance(values, (list, tuple)) or not values:
        return {path: "must be a list with at least one entry"}
    errors: dict[str, str] = {}
    for i, value in enumerate(values):
        if not ok(value):
            errors[f"{path}[{i}]"] = message
        elif value in values[:i]:
            errors[f"{path}[{i}]"] = f"'{value}' is listed twice"
    return errors


def _is_partner(value: Any) -> bool:
    return value in {p.value for p in StatutoryPartner}


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
