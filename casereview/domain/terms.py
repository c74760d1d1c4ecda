"""The schema of a terms-of-reference document: the rules of one group, as data.

A document is a JSON-able dict. `validate` turns it into a frozen `TermsOfReference` or raises `TermsInvalid`
with every problem found, keyed by field path ("roles[2].represents", "clocks[0].length").
`TermsOfReference.to_dict` gives the stored form back, so `validate(t.to_dict()) == t`.
The reading of each section is in `terms_reading`; plain English and differences are in `terms_english`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum, StrEnum
from typing import Any

from casereview.domain.clocks import ClockDefinition, Unit
from casereview.domain.partners import StatutoryPartner
from casereview.domain.quorum import Member, QuorumPolicy

SCHEMA_VERSION = 1


class TermsInvalid(ValueError):
    """A terms-of-reference document was refused; `errors` maps each bad field path to what is wrong."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors.items()))
        self.errors = errors


class GroupKind(StrEnum):
    SUBGROUP = "subgroup"
    RAPID_REVIEW_GROUP = "rapid_review_group"


class BusinessCadence(StrEnum):
    NONE = "none"
    MONTHLY = "monthly"
    BIMONTHLY = "bimonthly"
    QUARTERLY = "quarterly"


class RapidReviewMeetings(StrEnum):
    AD_HOC = "ad_hoc"  # convened when a notification arrives
    NONE = "none"  # the group does not hold rapid reviews


class MeetingMode(StrEnum):
    IN_PERSON = "in_person"
    VIRTUAL = "virtual"


class ReportingCadence(StrEnum):
    MONTHLY = "monthly"
    BIMONTHLY = "bimonthly"
    QUARTERLY = "quarterly"
    ANNUALLY = "annually"
    PER_CASE = "per_case"  # after each rapid review


class Reporter(StrEnum):
    CHAIR = "chair"
    CHAIRS = "chairs"
    GROUP = "group"
    PARTNERSHIP_TEAM = "partnership_team"


class ChairingArrangement(StrEnum):
    SINGLE_CHAIR = "single_chair"
    CO_CHAIRS_TWO_AGENCIES = "co_chairs_two_agencies"


class EscalationTrigger(StrEnum):
    DISAGREEMENT = "disagreement"


@dataclass(frozen=True)
class Role:
    """A membership role. `core`: a standing member; `chair`: may chair (or, with one chair, is the chair)."""

    key: str
    title: str
    represents: StatutoryPartner | None
    core: bool = False
    chair: bool = False
    notes: str = ""


@dataclass(frozen=True)
class CoOpting:
    allowed: bool
    basis: str = ""


@dataclass(frozen=True)
class Deputies:
    allowed: bool
    rule: str = ""


@dataclass(frozen=True)
class Meetings:
    business_cadence: BusinessCadence
    rapid_review_meetings: RapidReviewMeetings
    modes: tuple[MeetingMode, ...]


@dataclass(frozen=True)
class Duration:
    length: int
    unit: Unit


@dataclass(frozen=True)
class Reporting:
    """Who reports, to which body (written without a leading "the"), and how often (None: not stated)."""

    body: str
    cadence: ReportingCadence | None
    by: Reporter


@dataclass(frozen=True)
class Chairing:
    arrangement: ChairingArrangement
    chair_role: str | None = None
    notes: str = ""


@dataclass(frozen=True)
class Escalation:
    body: str
    trigger: EscalationTrigger


@dataclass(frozen=True)
class ConflictsOfInterest:
    declare: bool


@dataclass(frozen=True)
class TermsOfReference:
    """One version of a group's terms of reference. Empty (None) values mean the document is silent."""

    title: str
    group_name: str
    group_kind: GroupKind
    partnership_name: str
    source_document: str
    adopted_on: dt.date
    last_reviewed_on: dt.date | None
    purpose: tuple[str, ...]
    rapid_review_aims: tuple[str, ...]
    objectives: tuple[str, ...]
    accountabilities: tuple[str, ...]
    principles: tuple[str, ...]
    roles: tuple[Role, ...]
    member_duties: tuple[str, ...]
    co_opting: CoOpting
    deputies: Deputies
    quorum: QuorumPolicy
    clocks: tuple[ClockDefinition, ...]
    meetings: Meetings
    papers_lead_working_days: int | None
    minutes_deadline: Duration | None
    reporting: Reporting | None
    review_interval_months: int | None
    chairing: Chairing
    escalation: Escalation | None
    conflicts_of_interest: ConflictsOfInterest
    attendance_monitored: bool
    administration: str
    support_duties: tuple[str, ...]
    process: tuple[str, ...]
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Return the stored, JSON-able form of this document."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    def clock(self, clock_id: str) -> ClockDefinition:
        """Return the clock with id `clock_id`; raise KeyError when there is none."""
        for clock in self.clocks:
            if clock.id == clock_id:
                return clock
        raise KeyError(clock_id)

    def role(self, key: str) -> Role:
        """Return the role with key `key`; raise KeyError when there is none."""
        for role in self.roles:
            if role.key == key:
                return role
        raise KeyError(key)

    def quorum_policy(self) -> QuorumPolicy:
        """Return the quorum policy, with role titles for its explanations."""
        return self.quorum

    def member(self, person_id: str, name: str, role_key: str, *, co_opted: bool = False) -> Member:
        """Return a quorum Member holding role `role_key`; a co-opted member need not hold a listed role."""
        if co_opted and role_key not in {r.key for r in self.roles}:
            return Member(person_id, name, role_key, None, co_opted=True)
        role = self.role(role_key)
        return Member(person_id, name, role.key, role.represents, co_opted=co_opted, role_title=role.title)


def _plain(value: Any) -> Any:
    if isinstance(value, QuorumPolicy):
        return value.to_dict()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def validate(data: Any) -> TermsOfReference:
    """Return the document as TermsOfReference, or raise TermsInvalid listing every problem found."""
    # Imported here, not at the top: terms_reading builds the classes defined in this module.
    from casereview.domain.terms_reading import read

    errors: dict[str, str] = {}
    terms = read(data, errors)
    if errors:
        raise TermsInvalid(errors)
    return terms
