"""Tests for retention review dates and the deletion verdict."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.domain.retention import (
    RECORD_TYPES,
    Period,
    RecordType,
    RetentionError,
    deletion_verdict,
    effective_review_date,
    format_day,
    review_date,
)


@pytest.mark.parametrize(("trigger", "period", "expected"), [
    (date(2026, 3, 2), Period(years=15), date(2041, 3, 2)),
    (date(2024, 2, 29), Period(years=1), date(2025, 2, 28)),          # leap day clamps
    (date(2024, 2, 29), Period(years=4), date(2028, 2, 29)),
    (date(2026, 1, 31), Period(months=1), date(2026, 2, 28)),         # month end clamps
    (date(2024, 1, 31), Period(months=1), date(2024, 2, 29)),
    (date(2026, 8, 31), Period(years=2, months=6), date(2029, 2, 28)),
    (date(2026, 11, 15), Period(months=2), date(2027, 1, 15)),       # over the year end
])  # fmt: skip
def test_review_date_table(trigger, period, expected):
    """The review date adds calendar years and months to the trigger date, clamping to the month's end."""
    assert review_date(trigger, period) == expected


@pytest.mark.parametrize(("years", "months"), [(0, 0), (-1, 0), (0, -1), (0, 12), (101, 0)])
def test_unusable_periods_are_refused(years, months):
    """A period must be between one month and 100 years, with months under 12."""
    with pytest.raises(RetentionError):
        Period(years=years, months=months)


@pytest.mark.parametrize(("period", "words"), [
    (Period(years=15), "15 years"), (Period(years=1, months=1), "1 year and 1 month"), (Period(months=6), "6 months"),
])  # fmt: skip
def test_period_in_words(period, words):
    """A period reads as plain English."""
    assert str(period) == words


TODAY = date(2042, 5, 1)
DUE = date(2041, 3, 2)


@pytest.mark.parametrize(("kwargs", "deletable", "reason_starts"), [
    ({"due": DUE}, True, []),
    ({"due": TODAY}, True, []),                                            # due today: deletable today
    ({"due": date(2042, 5, 2)}, False, ["Its review date is 2 May 2042"]),
    ({"due": DUE, "kept_until": date(2045, 1, 1)}, False, ["It is to be kept until 1 January 2045"]),
    ({"due": DUE, "kept_until": date(2042, 1, 1)}, True, []),             # keep-until already passed
    ({"due": DUE, "holds": ["Litigation: claim"]}, False, ["It is under a legal hold (Litigation: claim)"]),
    ({"due": date(2050, 1, 1), "holds": ["Inquiry: x"]}, False, ["Its review date", "It is under a legal hold"]),
])  # fmt: skip
def test_deletion_verdict_table(kwargs, deletable, reason_starts):
    """A record is deletable when its (kept-until) review date has come and no hold covers it; else it says why."""
    verdict = deletion_verdict(record_type=RecordType.NOTIFICATION, today=TODAY, **kwargs)
    assert verdict.deletable is deletable
    assert [r[:len(s)] for r, s in zip(verdict.reasons, reason_starts, strict=True)] == reason_starts


def test_review_only_types_are_never_deletable():
    """Actions and documents are review only: the verdict says so even when they are due."""
    for record_type, info in RECORD_TYPES.items():
        verdict = deletion_verdict(record_type=record_type, due=DUE, today=TODAY)
        assert verdict.deletable is info.deletable
    assert "not deleted by the service" in deletion_verdict(record_type=RecordType.ACTION, due=DUE,
                                                            today=TODAY).reasons[0]


def test_format_day():
    """Dates read in the UK style without a leading zero."""
    assert format_day(date(2026, 3, 2)) == "2 March 2026"


periods = st.builds(Period, years=st.integers(0, 100), months=st.integers(1, 11)) | st.builds(
    Period, years=st.integers(1, 100), months=st.just(0))
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(trigger=days, period=periods)
def test_review_date_is_never_before_the_trigger(trigger, period):
    """Whatever the period, the review date is after the trigger date."""
    assert review_date(trigger, period) > trigger


@given(due=days, today=days, kept=st.none() | days, record_type=st.sampled_from(list(RecordType)),
       holds=st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=3))
def test_a_held_record_is_never_deletable(due, today, kept, record_type, holds):
    """An active legal hold blocks deletion whatever the dates, and the verdict names each hold."""
    verdict = deletion_verdict(record_type=record_type, due=due, today=today, kept_until=kept, holds=holds)
    assert not verdict.deletable
    assert sum("legal hold" in r for r in verdict.reasons) == len(holds)


@given(due=days, today=days, kept=st.none() | days)
def test_deletable_only_on_or_after_the_effective_review_date(due, today, kept):
    """Without a hold, a deletable type may be deleted exactly when today reaches the effective review date."""
    verdict = deletion_verdict(record_type=RecordType.MEETING, due=due, today=today, kept_until=kept)
    assert verdict.deletable == (today >= effective_review_date(due, kept))
