"""The reminder rule: due soon within the person's window, overdue after the due date, nothing once done."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.domain.reminders import (
    DUE_SOON,
    OVERDUE,
    Preference,
    digest_section,
    digest_week,
    is_digest_day,
    reminder_kind,
)

DUE = date(2026, 3, 9)  # a Monday
FIVE = Preference()
SEVEN = Preference(days_before=7)
NO_BEFORE = Preference(before_due=False)
NO_OVERDUE = Preference(overdue=False)


@pytest.mark.parametrize(("today", "done", "preference", "kind"), [
    (DUE - timedelta(days=6), False, FIVE, None),        # one day before the window opens
    (DUE - timedelta(days=5), False, FIVE, DUE_SOON),    # the window opens
    (DUE, False, FIVE, DUE_SOON),                        # due today is not yet overdue
    (DUE + timedelta(days=1), False, FIVE, OVERDUE),
    (DUE + timedelta(days=400), False, FIVE, OVERDUE),
    (DUE - timedelta(days=7), False, SEVEN, DUE_SOON),   # a longer window starts earlier
    (DUE - timedelta(days=2), False, NO_BEFORE, None),   # before-due reminders switched off
    (DUE + timedelta(days=2), False, NO_BEFORE, OVERDUE),
    (DUE + timedelta(days=2), False, NO_OVERDUE, None),  # overdue reminders switched off
    (DUE - timedelta(days=2), False, NO_OVERDUE, DUE_SOON),
    (DUE - timedelta(days=2), True, FIVE, None),         # done: nothing
    (DUE + timedelta(days=2), True, FIVE, None),
])
def test_reminder_kind_table(today, done, preference, kind):
    """Each row: the reminder owed on that day, or none."""
    assert reminder_kind(due=DUE, today=today, done=done, preference=preference) == kind


preferences = st.builds(Preference, before_due=st.booleans(), days_before=st.integers(1, 14),
                        overdue=st.booleans(), weekly_digest=st.booleans())
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@given(due=days, today=days, done=st.booleans(), preference=preferences)
def test_one_kind_at_most_overdue_only_after_due_nothing_once_done(due, today, done, preference):
    """Never both kinds on one day; overdue only after the due date; due soon never after it; nothing once done."""
    kind = reminder_kind(due=due, today=today, done=done, preference=preference)
    assert kind in (None, DUE_SOON, OVERDUE)
    if done:
        assert kind is None
    if kind == OVERDUE:
        assert today > due and preference.overdue
    if kind == DUE_SOON:
        assert today <= due and (due - today).days <= preference.days_before and preference.before_due


@given(due=days, today=days, preference=preferences)
def test_an_open_deadline_is_reminded_on_its_last_days(due, today, preference):
    """With both kinds switched on, an open deadline is reminded every day from its window on (recorded once)."""
    wanted = Preference(days_before=preference.days_before)
    kind = reminder_kind(due=due, today=today, done=False, preference=wanted)
    assert (kind is not None) == (today >= due - timedelta(days=wanted.days_before))


@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 3, 2), True), (date(2026, 3, 3), False), (date(2026, 3, 8), False), (date(2026, 3, 9), True),
])
def test_digest_day_is_monday(today, expected):
    """The digest goes out on Mondays only."""
    assert is_digest_day(today) is expected


@pytest.mark.parametrize(("today", "week"), [
    (date(2026, 3, 2), "2026-W10"), (date(2026, 1, 1), "2026-W01"), (date(2027, 1, 1), "2026-W53"),
])
def test_digest_week_is_the_iso_week(today, week):
    """A digest is keyed by ISO week, so the year turns where ISO says it does."""
    assert digest_week(today) == week


@pytest.mark.parametrize(("due", "done", "section"), [
    (DUE - timedelta(days=1), False, OVERDUE), (DUE, False, DUE_SOON), (DUE + timedelta(days=14), False, DUE_SOON),
    (DUE + timedelta(days=15), False, None), (DUE - timedelta(days=1), True, None),
])
def test_digest_section(due, done, section):
    """Overdue items and those due within 14 days are in the digest; done ones are not."""
    assert digest_section(due=due, today=DUE, done=done) == section
