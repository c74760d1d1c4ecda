"""Read a terms-of-reference document into TermsOfReference, collecting every problem by field path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import fields as dataclass_fields
from enum import StrEnum
from typing import Any

from casereview.domain import quorum
from casereview.domain.clocks import ClockDefinition, Direction, Source, StartEvent, Unit
from casereview.domain.partners import StatutoryPartner
from casereview.domain.terms import (
    SCHEMA_VERSION,
    BusinessCadence,
    Chairing,
    ChairingArrangement,
    ConflictsOfInterest,
    CoOpting,
    Deputies,
    Duration,
    Escalation,
    EscalationTrigger,
    GroupKind,
    MeetingMode,
    Meetings,
    RapidReviewMeetings,
    Reporter,
    Reporting,
    ReportingCadence,
    Role,
    TermsOfReference,
)
from casereview.domain.terms_checks import check

_ABSENT = object()


class Fields:
    """Typed reads from one object of the document; each bad value records one error at its path."""

    def __init__(self, data: Any, path: str, errors: dict[str, str]):
        self.path, self.errors = path, errors
        self.data: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
        if not isinstance(data, Mapping):
            errors.setdefault(path or "document", "must be an object (a set of named fields)")

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, message: str) -> None:
        self.errors.setdefault(self.at(key), message)

    def _get(self, key: str, default: Any) -> Any:
        value = self.data.get(key)
        if value is None and default is _ABSENT:
            self.fail(key, "is required")
        return default if value is None and default is not _ABSENT else value

    def text(self, key: str) -> str | None:
        value = self._get(key, _ABSENT)
        if value is None or (isinstance(value, str) and value.strip()):
            return value
        return self.fail(key, "must be text, not empty")

    def note(self, key: str) -> str:
        value = self._get(key, "")
        return value if isinstance(value, str) else self.fail(key, "must be text") or ""

    def flag(self, key: str, default: Any = _ABSENT) -> bool | None:
        value = self._get(key, default)
        return value if value is None or isinstance(value, bool) else self.fail(key, "must be true or false")

    def whole(self, key: str, *, minimum: int, optional: bool = False) -> int | None:
        value = self._get(key, None if optional else _ABSENT)
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= minimum):
            return value
        return self.fail(key, f"must be a whole number of at least {minimum}")

    def choice(self, key: str, enum: type[StrEnum], *, default: Any = _ABSENT) -> Any:
        value = self._get(key, default)
        if value is None or isinstance(value, enum) or value in {e.value for e in enum}:
            return None if value is None else enum(value)
        allowed = ", ".join(e.value for e in enum)
        return self.fail(key, f"must be one of: {allowed}" + (", or empty" if default is None else ""))

    def day(self, key: str, *, optional: bool = False) -> dt.date | None:
        value = self._get(key, None if optional else _ABSENT)
        if value is None or isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return self.fail(key, "must be a date written as YYYY-MM-DD, such as 2023-10-01")

    def texts(self, key: str) -> tuple[str, ...]:
        items = self.items(key, lambda value, path: value, required=False)
        for i, value in enumerate(items):
            if not isinstance(value, str) or not value.strip():
                self.errors.setdefault(f"{self.at(key)}[{i}]", "must be text, not empty")
        return tuple(items)

    def choices(self, key: str, enum: type[StrEnum]) -> tuple[Any, ...]:
        values = self.items(key, lambda value, path: value)
        allowed = {e.value for e in enum}
        for i, value in enumerate(values):
            if value not in allowed:
                self.errors.setdefault(f"{self.at(key)}[{i}]", "must be one of: " + ", ".join(sorted(allowed)))
        return tuple(enum(v) for v in values if v in allowed)

    def child(self, key: str, *, optional: bool = False) -> Fields | None:
        value = self._get(key, None if optional else _ABSENT)
        if value is None or isinstance(value, Mapping):
            return None if value is None else Fields(value, self.at(key), self.errors)
        return self.fail(key, "must be an object (a set of named fields)")

    def items(self, key: str, read: Any, *, required: bool = True) -> list[Any]:
        value = self._get(key, _ABSENT if required else [])
        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            return self.fail(key, "must be a list") or []
        return [read(item, f"{self.at(key)}[{i}]") for i, item in enumerate(value)]


def read(data: Any, errors: dict[str, str]) -> TermsOfReference:
    """Read `data`, adding a plain-English message to `errors` for each bad field path."""
    doc = Fields(data, "", errors)
    roles = tuple(doc.items("roles", lambda value, path: _role(Fields(value, path, errors))))
    terms = TermsOfReference(
        **_identity(doc), **_content(doc), roles=roles, **_membership(doc),
        quorum=_quorum(doc, roles), **_deadlines(doc), **_governance(doc),
    )
    if doc.whole("schema_version", minimum=1, optional=True) not in (None, SCHEMA_VERSION):
        doc.fail("schema_version", f"must be {SCHEMA_VERSION}, the only version this service reads")
    _unknown_fields(data, errors)
    check(terms, doc.data, errors)
    return terms


def _unknown_fields(data: Any, errors: dict[str, str]) -> None:
    """Name each top-level field the schema does not know: a misspelt field would otherwise be lost."""
    if not isinstance(data, dict):
        return
    known = {f.name for f in dataclass_fields(TermsOfReference)}
    for key in sorted(set(data) - known):
        errors[str(key)] = "is not a field of a terms-of-reference document (check the spelling)"


def _identity(doc: Fields) -> dict[str, Any]:
    return {
        "title": doc.text("title"),
        "group_name": doc.text("group_name"),
        "group_kind": doc.choice("group_kind", GroupKind),
        "partnership_name": doc.text("partnership_name"),
        "source_document": doc.text("source_document"),
        "adopted_on": doc.day("adopted_on"),
        "last_reviewed_on": doc.day("last_reviewed_on", optional=True),
    }


def _content(doc: Fields) -> dict[str, tuple[str, ...]]:
    keys = ("purpose", "rapid_review_aims", "objectives", "accountabilities", "principles", "member_duties")
    content = {key: doc.texts(key) for key in keys + ("support_duties", "process")}
    if not content["purpose"] and "purpose" not in doc.errors:
        doc.fail("purpose", "must list at least one purpose")
    return content


def _role(f: Fields) -> Role:
    return Role(
        key=f.text("key"),
        title=f.text("title"),
        represents=f.choice("represents", StatutoryPartner, default=None),
        core=f.flag("core", False),
        chair=f.flag("chair", False),
        notes=f.note("notes"),
    )


def _membership(doc: Fields) -> dict[str, Any]:
    co_opting, deputies = doc.child("co_opting"), doc.child("deputies")
    return {
        "co_opting": co_opting and CoOpting(co_opting.flag("allowed"), co_opting.note("basis")),
        "deputies": deputies and Deputies(deputies.flag("allowed"), deputies.note("rule")),
    }


def _quorum(doc: Fields, roles: tuple[Role, ...]) -> quorum.QuorumPolicy | None:
    data = doc.data.get("quorum")
    problems = quorum.policy_errors(data, "quorum")
    for path, message in problems.items():
        doc.errors.setdefault(path, message)
    titles = {r.key: r.title for r in roles if r.key and r.title}
    return None if problems else quorum.policy_from_dict(data, titles)


def _clock(f: Fields) -> ClockDefinition:
    return ClockDefinition(
        id=f.text("id"),
        label=f.text("label"),
        start_event=f.choice("start_event", StartEvent),
        length=f.whole("length", minimum=1),
        unit=f.choice("unit", Unit),
        direction=f.choice("direction", Direction, default=Direction.AFTER),
        source=f.choice("source", Source, default=Source.LOCAL),
        citation=f.note("citation"),
        breach=f.flag("breach", True),
    )


def _deadlines(doc: Fields) -> dict[str, Any]:
    clocks = doc.items("clocks", lambda value, path: _clock(Fields(value, path, doc.errors)))
    minutes = doc.child("minutes_deadline", optional=True)
    return {
        "clocks": tuple(clocks),
        "papers_lead_working_days": doc.whole("papers_lead_working_days", minimum=0, optional=True),
        "minutes_deadline": minutes and Duration(minutes.whole("length", minimum=1), minutes.choice("unit", Unit)),
        "review_interval_months": doc.whole("review_interval_months", minimum=1, optional=True),
    }


def _governance(doc: Fields) -> dict[str, Any]:
    meetings, chairing = doc.child("meetings"), doc.child("chairing")
    reporting, escalation = doc.child("reporting", optional=True), doc.child("escalation", optional=True)
    conflicts = doc.child("conflicts_of_interest")
    return {
        "meetings": meetings and _meetings(meetings),
        "reporting": reporting and Reporting(
            reporting.text("body"), reporting.choice("cadence", ReportingCadence, default=None),
            reporting.choice("by", Reporter),
        ),
        "chairing": chairing and Chairing(
            chairing.choice("arrangement", ChairingArrangement), chairing.note("chair_role") or None,
            chairing.note("notes"),
        ),
        "escalation": escalation and Escalation(
            escalation.text("body"), escalation.choice("trigger", EscalationTrigger),
        ),
        "conflicts_of_interest": conflicts and ConflictsOfInterest(conflicts.flag("declare")),
        "attendance_monitored": doc.flag("attendance_monitored"),
        "administration": doc.text("administration"),
    }


def _meetings(f: Fields) -> Meetings:
    return Meetings(
        business_cadence=f.choice("business_cadence", BusinessCadence),
        rapid_review_meetings=f.choice("rapid_review_meetings", RapidReviewMeetings),
        modes=f.choices("modes", MeetingMode),
    )
