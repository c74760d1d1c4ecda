"""Small-number suppression: counts of 1 or 2 are hidden in anything exported or shared, and a lone hidden
count in a group with a published total takes a second cell with it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.domain.learning import cells_to_suppress, compare, shown_rows, shown_total
from casereview.domain.suppression import SUPPRESSED, suppress


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, "[c]"), (2, "[c]"), (3, 3), (10, 10), (1000, 1000)])
def test_suppress_table(count, shown):
    """0 and 3 or more are shown; 1 and 2 become "[c]"."""
    assert suppress(count) == shown


@given(st.integers(min_value=0, max_value=10**9))
def test_suppress_hides_exactly_one_and_two(count):
    """The marker replaces a count if and only if it is 1 or 2; otherwise the count is unchanged."""
    result = suppress(count)
    assert (result == SUPPRESSED) == (count in (1, 2))
    if result != SUPPRESSED:
        assert result == count


@pytest.mark.parametrize(("counts", "hidden"), [
    ({"a": 10, "b": 5, "c": 0}, set()),
    ({"a": 10, "b": 2, "c": 7}, {"b", "c"}),  # a lone 2 would be total minus the rest: hide the next smallest
    ({"a": 10, "b": 1, "c": 2}, {"b", "c"}),  # two hidden cells already protect each other
    ({"a": 2}, {"a"}),
    ({"a": 0, "b": 0}, set()),
])
def test_cells_to_suppress_table(counts, hidden):
    """Primary suppression of 1 and 2, and a complementary cell when only one would be hidden."""
    assert cells_to_suppress(counts) == hidden


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.integers(min_value=0, max_value=50), max_size=8))
def test_no_small_count_is_ever_shown(counts):
    """Whatever the group, no shown count is 1 or 2, and no hidden count stands alone beside other counts."""
    hidden = cells_to_suppress(counts)
    assert all(not 0 < n <= 2 for name, n in counts.items() if name not in hidden)
    others = [n for name, n in counts.items() if name not in hidden and n > 0]
    assert len(hidden) != 1 or not others


def test_shown_rows_hide_shares_and_ratios_of_hidden_counts():
    """A hidden count's share and ratio are hidden with it; the others are shown as text."""
    comparison = compare({"A": 2, "B": 8, "C": 10}, {"A": 100, "B": 400, "C": 500})
    rows = {row.category: row for row in shown_rows(comparison)}
    assert (rows["A"].count, rows["A"].share, rows["A"].ratio) == ("[c]", "[c]", "[c]")
    assert (rows["B"].count, rows["B"].share, rows["B"].ratio) == ("[c]", "[c]", "[c]")  # the complementary cell
    assert (rows["C"].count, rows["C"].share, rows["C"].ratio) == (10, "50.0%", 1.0)
    assert shown_total(comparison) == 20
