"""Group-level governance clocks: the yearly terms-of-reference review and the chairs' update to the SLG.

Both read the terms of reference in force on the day. When the terms are silent (Kent's rapid review group
sets neither a review interval nor quarterly reporting) the answer says "not set by the terms of reference"
rather than inventing a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from casereview.domain import clocks as domain_clocks
from casereview.domain import governance
from casereview.domain.calendar import default_calendar
from casereview.domain.clocks import ClockDefinition, ClockState
from casereview.domain.governance import SLG_UPDATE_CLOCK, SLG_UPDATE_MONTHS  # noqa: F401  (re-exported)
from casereview.domain.terms import ReportingCadence
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.terms_selectors import (
    TOR_REVIEW_CLOCK,
    adjustments_for,
    as_domain_adjustment,
    parsed,
    terms_in_force,
)

NOT_SET = "Not set by the terms of reference"
NO_TERMS = "No terms of reference are in force"

@dataclass(frozen=True)
class GovernanceClock:
    """One group-level clock on one day; `state` is None when the terms set no such clock."""

    group: object
    version: object | None
    definition: ClockDefinition | None
    anchor: date | None
    state: ClockState | None
    note: str

    @property
    def is_set(self) -> bool:
        return self.state is not None

    @property
    def summary(self) -> str:
        return self.state.summary if self.state is not None else self.note

    @property
    def warns(self) -> bool:
        return self.state is not None and governance.warns(self.state)

    @property
    def overdue(self) -> bool:
        return self.state is not None and self.state.status is domain_clocks.ClockStatus.OVERDUE


def tor_review_state(group, today: date, calendar=None) -> GovernanceClock:
    """The yearly review of the group's terms of reference, as a clock from the last review (or adoption).

    Extensions and pauses recorded on the terms page count, as they do there; those agreed before the last
    review belong to an earlier year and are ignored.
    """
    version = terms_in_force(group, today)
    if version is None:
        return GovernanceClock(group, None, None, None, None, NO_TERMS)
    terms = parsed(version)
    definition = governance.tor_review_clock(terms)
    if definition is None:
        return GovernanceClock(group, version, None, None, None,
                               f"{NOT_SET}: the terms name no interval for reviewing them")
    anchor = governance.tor_review_anchor(terms)
    records = [r for r in adjustments_for("partnerships.group", group.pk, TOR_REVIEW_CLOCK) if r.on >= anchor]
    state = domain_clocks.evaluate(
        definition, anchor=anchor, today=today, calendar=calendar or partnership_calendar(group.partnership),
        adjustments=[as_domain_adjustment(r) for r in records])
    return GovernanceClock(group, version, definition, anchor, state, definition.citation)


@dataclass(frozen=True)
class SlgUpdate:
    """The chairs' next quarterly update to the SLG: which quarter, to whom, and when it is due."""

    clock: GovernanceClock
    quarter_start: date | None = None
    quarter_end: date | None = None
    body: str = ""
    by: str = ""

    @property
    def quarter_label(self) -> str:
        return governance.quarter_label(self.quarter_start) if self.quarter_start else ""

    @property
    def summary(self) -> str:
        if not self.clock.is_set:
            return self.clock.note
        if self.clock.state.status is domain_clocks.ClockStatus.NOT_STARTED:
            return (f"Update for {self.quarter_label}: due after the quarter ends, by "
                    f"{domain_clocks.format_date(self.due)}")
        return f"Update for {self.quarter_label}: {self.clock.summary}"

    @property
    def due(self) -> date | None:
        return slg_update_deadline(self.quarter_end) if self.quarter_end else None


def slg_update_deadline(quarter_end: date) -> date:
    """The day by which the chairs' update for the quarter ending `quarter_end` is due (local default)."""
    # A calendar-month clock never consults the calendar, so the default calendar serves every partnership.
    return domain_clocks.due_date(SLG_UPDATE_CLOCK, quarter_end, default_calendar())


def slg_update_due(group, today: date) -> SlgUpdate:
    """When the chairs' next quarterly update to the SLG is due, under the terms in force today.

    The update for a quarter is due within SLG_UPDATE_MONTHS of its end (a local default). Until that date
    passes, the update due is the last completed quarter's; after it, the current quarter's (which starts
    its clock when the quarter ends). The service does not record when an update was sent.
    """
    version = terms_in_force(group, today)
    if version is None:
        return SlgUpdate(GovernanceClock(group, None, None, None, None, NO_TERMS))
    reporting = parsed(version).reporting
    if reporting is None or reporting.cadence is not ReportingCadence.QUARTERLY:
        return SlgUpdate(GovernanceClock(group, version, None, None, None, _no_quarterly_note(reporting)))
    current_start, current_end = governance.quarter_of(today)
    previous_start, previous_end = governance.quarter_of(current_start - timedelta(days=1))
    start, end = previous_start, previous_end
    if today > slg_update_deadline(previous_end):
        start, end = current_start, current_end
    anchor = end if end < today else None
    state = domain_clocks.evaluate(SLG_UPDATE_CLOCK, anchor=anchor, today=today, calendar=default_calendar())
    clock = GovernanceClock(group, version, SLG_UPDATE_CLOCK, anchor, state, SLG_UPDATE_CLOCK.citation)
    return SlgUpdate(clock, start, end, body=reporting.body, by=reporting.by.value.replace("_", " "))


def _no_quarterly_note(reporting) -> str:
    if reporting is None:
        return f"{NOT_SET}: the terms name no reporting line"
    cadence = reporting.cadence.value.replace("_", " ") if reporting.cadence else "at no stated interval"
    return f"{NOT_SET}: the terms set reporting to {reporting.body} {cadence}, not a quarterly update"


@dataclass(frozen=True)
class GroupGovernance:
    """One group's governance at a glance, for the overview page."""

    group: object
    tor: GovernanceClock
    slg: SlgUpdate
    open_escalations: int
    task_groups_active: int
    task_groups_overdue: int


def governance_overview(user, partnership, today: date) -> list[GroupGovernance]:
    """Per group of the partnership: the terms-of-reference review, the next SLG update, open escalations and
    active task-and-finish groups. Empty for anyone who cannot read the partnership's governance records."""
    from casereview.partnerships.models import Group

    from .access import can_read_meetings
    from .escalation_selectors import open_escalations_by_group
    from .task_group_selectors import task_groups_by_group

    if partnership is None or not can_read_meetings(user, partnership):
        return []
    calendar = partnership_calendar(partnership)
    escalations = open_escalations_by_group(partnership)
    task_groups = task_groups_by_group(partnership, today)
    rows = []
    for group in Group.objects.filter(partnership=partnership).select_related("partnership").order_by("name"):
        counts = task_groups.get(group.pk, {"active": 0, "overdue": 0})
        rows.append(GroupGovernance(group, tor_review_state(group, today, calendar), slg_update_due(group, today),
                                    escalations.get(group.pk, 0), counts["active"], counts["overdue"]))
    return rows
