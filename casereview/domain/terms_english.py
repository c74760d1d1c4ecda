"""Terms of reference in plain English, and the differences between two versions of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from casereview.domain.clocks import ClockDefinition, Direction, StartEvent, Unit
from casereview.domain.partners import StatutoryPartner
from casereview.domain.terms import Meetings, TermsOfReference

START_EVENTS = {
    StartEvent.INCIDENT: "the incident",
    StartEvent.LA_AWARE: "the local authority becoming aware",
    StartEvent.SIN_SUBMITTED: "the notification being sent to the Panel",
    StartEvent.NOTIFICATION_RECEIVED: "the notification being received by the partnership",
    StartEvent.MEETING: "the meeting",
    StartEvent.PANEL_MEETING: "the Panel meeting that discusses the case",
    StartEvent.PANEL_SUBMISSION: "the rapid review being sent to the Panel",
    StartEvent.DECISION: "the decision",
    StartEvent.PLANNED_PUBLICATION: "the planned publication date",
    StartEvent.QUARTER_END: "the end of the quarter",
    StartEvent.LAST_TOR_REVIEW: "the last review of these terms of reference",
    StartEvent.ACTION_SET: "the action being set",
}
# How an event reads after "before": papers go out "5 working days before each meeting".
BEFORE_EVENTS = {StartEvent.MEETING: "each meeting"}
CLOCK_SUBJECTS = {
    "sin": "The Panel must be notified",
    "rr": "The rapid review must be submitted",
    "panel": "The Panel's feedback is expected",
    "lcspr": "The local child safeguarding practice review must be published",
    "advance": "The final report must reach the Panel and the Secretary of State",
    "papers": "Agendas and papers are circulated",
    "minutes": "Minutes are distributed",
    "tor": "These terms of reference are reviewed",
}
UNITS = {
    Unit.WORKING_DAYS: "working day",
    Unit.CALENDAR_DAYS: "day",
    Unit.WEEKS: "week",
    Unit.MONTHS: "month",
}
CADENCES = {"monthly": "monthly", "bimonthly": "every two months", "quarterly": "quarterly", "annually": "annually",
            "per_case": "after each rapid review"}
REPORTERS = {"chair": "The chair reports", "chairs": "The chairs report", "group": "The group reports",
             "partnership_team": "The partnership team reports"}
MODES = {"in_person": "in person", "virtual": "virtually"}
# Clocks about the group's own meetings and review, told under "Meetings" and "Review" rather than "Deadlines".
_GOVERNANCE_EVENTS = {StartEvent.MEETING, StartEvent.LAST_TOR_REVIEW}


def start_event_label(event: StartEvent) -> str:
    """Return how the event that starts a clock reads in a sentence."""
    return START_EVENTS.get(event, str(event).replace("_", " "))


def duration_text(length: int, unit: Unit) -> str:
    """Return "15 working days", "1 week"."""
    word = UNITS.get(unit, str(unit).replace("_", " "))
    return f"{length} {word}" if length == 1 else f"{length} {word}s"


def clock_sentence(clock: ClockDefinition) -> str:
    """Return one sentence saying when the clock falls due."""
    subject = CLOCK_SUBJECTS.get(clock.id, f"'{clock.label}' falls due")
    span = duration_text(clock.length, clock.unit)
    if clock.direction == Direction.BEFORE:
        when = f"at least {span} before {BEFORE_EVENTS.get(clock.start_event, start_event_label(clock.start_event))}"
    else:
        when = f"within {span} of {start_event_label(clock.start_event)}"
    return f"{subject} {when}{'' if clock.breach else ' (an expected date, not a deadline)'}."


def plain_english(t: TermsOfReference) -> list[tuple[str, list[str]]]:
    """Return the document as (heading, sentences) sections, leaving out empty sections."""
    sections = [
        ("Purpose", list(t.purpose)),
        ("Aims of a rapid review", list(t.rapid_review_aims)),
        ("Objectives", list(t.objectives)),
        ("Accountability", list(t.accountabilities)),
        ("Principles", list(t.principles)),
        ("Membership", _membership(t)),
        ("Duties of members", list(t.member_duties)),
        ("Quorum", [t.quorum.describe() + ".", "Co-opted members never count towards quorum."]),
        ("Deadlines", [clock_sentence(c) for c in t.clocks if c.start_event not in _GOVERNANCE_EVENTS]),
        ("Meetings", _meetings(t)),
        ("Rapid review process", list(t.process)),
        ("Chairing, reporting and escalation", _governance(t)),
        ("Administration", [f"The work of the group is administered by the {t.administration}.", *t.support_duties]),
        ("Review", [_review(t)]),
    ]
    return [(heading, sentences) for heading, sentences in sections if sentences]


def _membership(t: TermsOfReference) -> list[str]:
    lines = [f"{r.title}: {_represents(r.represents)}." for r in t.roles]
    co_opting, deputies = t.co_opting, t.deputies
    lines.append((co_opting.basis or "Others may be co-opted.") if co_opting.allowed else "Members are not co-opted.")
    lines.append((deputies.rule or "Members may send a deputy.") if deputies.allowed else "Deputies may not attend.")
    return lines


def _represents(partner: StatutoryPartner | None) -> str:
    return f"represents {partner.label}" if partner else "not a statutory partner"


def _meetings(t: TermsOfReference) -> list[str]:
    lines = [_schedule(t.meetings)]
    if t.meetings.modes:
        lines.append(f"Meetings may be held {' or '.join(MODES[m] for m in t.meetings.modes)}.")
    lines += [clock_sentence(c) for c in t.clocks if c.start_event == StartEvent.MEETING]
    if t.attendance_monitored:
        lines.append("Attendance at meetings is monitored to ensure consistent contribution from each agency.")
    if t.conflicts_of_interest.declare:
        lines.append("Potential conflicts of interest are declared.")
    return lines


def _schedule(m: Meetings) -> str:
    ad_hoc = m.rapid_review_meetings == "ad_hoc"
    if m.business_cadence == "none":
        when = "; the group meets when a notification arrives." if ad_hoc else "."
        return "There is no set schedule of meetings" + when
    business = f"Business meetings are held {CADENCES[m.business_cadence]}"
    return business + ("; rapid review meetings are held as needed." if ad_hoc else ".")


def _governance(t: TermsOfReference) -> list[str]:
    chairing = t.chairing
    if chairing.arrangement == "co_chairs_two_agencies":
        lines = ["Chairing is shared between representatives of two agencies."]
    elif chairing.chair_role:
        lines = [f"The {t.role(chairing.chair_role).title} chairs the group."]
    else:
        lines = ["The group has a single chair."]
    if t.reporting is None:
        lines.append("The terms of reference do not set a reporting line.")
    else:
        cadence = f" {CADENCES[t.reporting.cadence]}" if t.reporting.cadence else ""
        lines.append(f"{REPORTERS[t.reporting.by]} to the {t.reporting.body}{cadence}.")
    if t.escalation is None:
        lines.append("The terms of reference do not set an escalation route.")
    else:
        lines.append(f"Disagreements are escalated to the {t.escalation.body} for decision.")
    return lines


def _review(t: TermsOfReference) -> str:
    if t.review_interval_months is None:
        return "The terms of reference do not say how often they are reviewed."
    return f"These terms of reference are reviewed every {duration_text(t.review_interval_months, Unit.MONTHS)}."


@dataclass(frozen=True)
class Change:
    """One difference between two versions, for a side-by-side view."""

    path: str
    before: Any
    after: Any
    description: str


_KEYED = {"roles": ("key", "title", "Role"), "clocks": ("id", "label", "Clock")}


def diff(a: TermsOfReference, b: TermsOfReference) -> list[Change]:
    """List the field-level differences from `a` to `b`; roles and clocks are matched by key and id."""
    return list(_changes("", a.to_dict(), b.to_dict(), ""))


def _changes(path: str, before: Any, after: Any, subject: str) -> Iterator[Change]:
    if before == after:
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in dict.fromkeys([*before, *after]):
            yield from _changes(f"{path}.{key}" if path else key, before.get(key), after.get(key), subject)
    elif path in _KEYED and isinstance(before, list) and isinstance(after, list):
        yield from _keyed(path, before, after)
    else:
        yield Change(path, before, after, _describe(path, before, after, subject))


def _keyed(path: str, before: list[dict[str, Any]], after: list[dict[str, Any]]) -> Iterator[Change]:
    key, name, kind = _KEYED[path]
    old, new = {item[key]: item for item in before}, {item[key]: item for item in after}
    for k in dict.fromkeys([*old, *new]):
        item_path = f"{path}[{k}]"
        if k not in new:
            yield Change(item_path, old[k], None, f"{kind} removed: {old[k][name]}.")
        elif k not in old:
            yield Change(item_path, None, new[k], f"{kind} added: {new[k][name]}.")
        else:
            yield from _changes(item_path, old[k], new[k], new[k][name])


def _describe(path: str, before: Any, after: Any, subject: str) -> str:
    parent, _, field = path.rpartition(".")
    where = subject or _words(parent).capitalize()
    what = _words(field)
    prefix = f"{where}: {what}" if where else what.capitalize()
    return f"{prefix} changed from {_text(before)} to {_text(after)}."


def _words(name: str) -> str:
    return name.replace("co_opting", "co-opting").replace("_", " ")


def _text(value: Any) -> str:
    if value is None or value == "":
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value) or "none"
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')} {_text(v)}" for k, v in value.items())
    return str(value)
