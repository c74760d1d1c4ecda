"""Notification rules: dates in order, extra notices for looked-after children and care leavers, milestones."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.domain.notifications import (
    ChildFacts,
    date_errors,
    milestone_offsets,
    ofsted_and_secretary_of_state,
)

TODAY = date(2026, 1, 20)
GOOD = {"incident_date": date(2026, 1, 2), "la_aware_date": date(2026, 1, 3),
        "sin_submitted_date": date(2026, 1, 5), "received_date": date(2026, 1, 6)}


def test_dates_in_order_have_no_errors():
    """Incident, awareness, notification and receipt in order are accepted."""
    assert date_errors(GOOD, TODAY) == {}


@pytest.mark.parametrize("field, value, fragment", [
    ("received_date", date(2026, 1, 1), "received before the incident"),
    ("la_aware_date", date(2026, 1, 1), "aware before the incident"),
    ("sin_submitted_date", date(2026, 1, 2), "sent before the local authority became aware"),
    ("incident_date", date(2026, 1, 21), "today or in the past"),
])
def test_out_of_order_or_future_dates_are_named(field, value, fragment):
    """Each bad date gets a message on its own field."""
    errors = date_errors({**GOOD, field: value}, TODAY)
    assert fragment in errors[field]


@pytest.mark.parametrize("nature, status, age, required", [
    ("death", "looked_after", 12, True),
    ("death", "care_leaver", 24, True),
    ("death", "care_leaver", 25, False),
    ("death", "child_in_need", 3, False),
    ("serious_harm", "looked_after", 12, False),
])
def test_ofsted_and_secretary_of_state(nature, status, age, required):
    """Looked-after deaths, and care leaver deaths up to and including 24, must also be reported."""
    notice = ofsted_and_secretary_of_state(nature, [ChildFacts(age, False, status)])
    assert notice.required is required
    assert bool(notice.reasons) is required


@given(st.integers(min_value=2, max_value=60))
def test_milestones_fall_inside_the_clock(length):
    """Scaled milestones are in order and fall before the deadline, whatever the clock's length."""
    offsets = [day for _key, _label, day in milestone_offsets(length)]
    assert offsets == sorted(offsets)
    assert all(1 <= day < length for day in offsets)


def test_milestones_for_fifteen_days_are_the_usual_ones():
    """Day 1 requests, day 10 returns, day 12 meeting, day 14 sign-off."""
    assert [d for _k, _l, d in milestone_offsets(15)] == [1, 10, 12, 14]
