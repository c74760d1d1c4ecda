"""Age bands and shares against a baseline (pure rules, no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.domain.learning import AGE_BANDS, age_band, compare, ratio_text, reflection_questions

CHILD_BANDS = AGE_BANDS[1:6]


@pytest.mark.parametrize(("unborn", "age", "band"), [
    (True, None, "Unborn"), (True, 3, "Unborn"), (False, 0, "Under 1"), (False, 1, "1 to 4"), (False, 4, "1 to 4"),
    (False, 5, "5 to 9"), (False, 9, "5 to 9"), (False, 10, "10 to 15"), (False, 15, "10 to 15"),
    (False, 16, "16 to 17"), (False, 17, "16 to 17"), (False, 18, "18 and over"), (False, 24, "18 and over"),
    (False, None, "Not known"),
])
def test_age_band_edges(unborn, age, band):
    """Each band starts and ends where the Panel's statistics put it; unborn wins over any age."""
    assert age_band(unborn=unborn, age_years=age) == band


@given(st.integers(min_value=0, max_value=17), st.integers(min_value=0, max_value=17))
def test_age_bands_never_go_backwards(a, b):
    """An older child is never in a younger band, and every child under 18 is in one of the five child bands."""
    younger, older = sorted((a, b))
    first, second = age_band(unborn=False, age_years=younger), age_band(unborn=False, age_years=older)
    assert first in CHILD_BANDS and second in CHILD_BANDS
    assert AGE_BANDS.index(first) <= AGE_BANDS.index(second)


def test_compare_shares_and_ratio():
    """Shares are of each side's own total; the ratio is the children's share over the baseline's."""
    comparison = compare({"Black": 6, "White": 14}, {"Black": 1000, "White": 9000, "Asian": 0})
    rows = {row.category: row for row in comparison.rows}
    assert comparison.total == 20 and comparison.baseline_total == 10000
    assert rows["Black"].share == pytest.approx(30.0) and rows["Black"].baseline_share == pytest.approx(10.0)
    assert rows["Black"].ratio == pytest.approx(3.0)
    assert rows["Asian"].count == 0 and rows["Asian"].ratio is None  # no children, a 0 share: no ratio
    assert ratio_text(2.14) == "2.1 times the share in the baseline population"
    assert ratio_text(None) == "No baseline to compare with"


def test_compare_without_baseline_keeps_the_given_order():
    """Categories named in the order come first, in that order; no baseline means no ratio."""
    comparison = compare({"Female": 3, "Male": 5}, None, order=("Female", "Male", "Not known"))
    assert [row.category for row in comparison.rows] == ["Female", "Male"]
    assert all(row.ratio is None and row.baseline_share is None for row in comparison.rows)


def test_reflection_questions_follow_the_themes_then_general_ones():
    """A briefing asks about its own themes first, then general questions, four in all."""
    questions = reflection_questions(["information_sharing", "no_such_theme", "neglect"])
    assert len(questions) == 4
    assert questions[0].startswith("What would you share")
    assert questions[1].startswith("How do you notice neglect")
    assert reflection_questions([]) and len(reflection_questions([])) == 3
