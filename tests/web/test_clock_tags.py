"""A clock's tag: every status of the domain's clock has its label and colour; no clock shows "Not started"."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.template import Context, Template

from casereview.domain.calendar import WorkingDayCalendar
from casereview.domain.clocks import STATUS_LABELS, ClockDefinition, ClockStatus, StartEvent, Unit, evaluate


def _render(state) -> str:
    return Template("{% load clock_tags %}{% clock_tag state %}").render(Context({"state": state}))


@dataclass
class _State:
    status: object


TAGS = [
    (ClockStatus.OVERDUE, "red", "Overdue"),
    (ClockStatus.MET_LATE, "red", "Met late"),
    (ClockStatus.DUE_TODAY, "orange", "Due today"),
    (ClockStatus.PAUSED, "grey", "Paused"),
    (ClockStatus.MET_ON_TIME, "green", "Met"),
    (ClockStatus.RUNNING, "blue", "Running"),
    (ClockStatus.NOT_STARTED, "grey", "Not started"),
]


@pytest.mark.parametrize(("status", "colour", "label"), TAGS)
def test_each_status_has_its_tag(status, colour, label):
    expected = f'<strong class="govuk-tag govuk-tag--{colour}">{label}</strong>'
    assert _render(_State(status)) == expected
    assert _render({"status": str(status)}) == expected  # a state passed as a dict, as some reports build them


def test_the_table_covers_every_status_of_the_domain():
    assert {status for status, _colour, _label in TAGS} == set(ClockStatus) == set(STATUS_LABELS)


@pytest.mark.parametrize("state", [None, "", {}, _State(None), _State("something else")])
def test_no_clock_is_not_started(state):
    assert _render(state) == '<strong class="govuk-tag govuk-tag--grey">Not started</strong>'


def test_an_evaluated_clock_shows_its_status():
    definition = ClockDefinition("rr", "Rapid review", StartEvent.NOTIFICATION_RECEIVED, 15, Unit.WORKING_DAYS)
    state = evaluate(definition, anchor=date(2026, 1, 5), today=date(2026, 3, 2), calendar=WorkingDayCalendar())
    assert state.status is ClockStatus.OVERDUE
    assert _render(state) == '<strong class="govuk-tag govuk-tag--red">Overdue</strong>'
