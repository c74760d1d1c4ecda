"""The governance status tables: every move the table lists is allowed, every other move is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.domain import governance_lifecycle as g
from casereview.domain.lifecycle import TransitionError

TABLES = [g.MEETING, g.MINUTES, g.ESCALATION, g.TASK_GROUP, g.ACTION]


@pytest.mark.parametrize(("table", "before", "after", "allowed"), [
    (g.MEETING, "scheduled", "held", True),
    (g.MEETING, "scheduled", "cancelled", True),
    (g.MEETING, "cancelled", "scheduled", False),
    (g.MEETING, "held", "cancelled", False),
    (g.MINUTES, "draft", "approved", True),
    (g.MINUTES, "draft", "distributed", False),
    (g.MINUTES, "approved", "distributed", True),
    (g.MINUTES, "distributed", "draft", False),
    (g.ESCALATION, "raised", "resolved", True),
    (g.ESCALATION, "resolved", "raised", False),
    (g.TASK_GROUP, "active", "reported", True),
    (g.TASK_GROUP, "closed", "active", False),
    (g.ACTION, "not_started", "complete", True),
    (g.ACTION, "not_started", "closed", False),   # closing needs the group's sign-off of a completed action
    (g.ACTION, "complete", "closed", True),
    (g.ACTION, "complete", "on_track", True),     # reopened when the evidence is not accepted
    (g.ACTION, "closed", "on_track", False),
])
def test_table(table, before, after, allowed):
    if allowed:
        assert table.check(before, after) == after
    else:
        with pytest.raises(TransitionError, match=f"cannot become {table.label(after).lower()}"):
            table.check(before, after)


@given(data=st.data())
def test_check_agrees_with_the_table_for_every_pair(data):
    table = data.draw(st.sampled_from(TABLES))
    statuses = sorted(table.moves)
    before, after = data.draw(st.sampled_from(statuses)), data.draw(st.sampled_from(statuses))
    if after in table.allowed(before):
        assert table.check(before, after) == after
    else:
        with pytest.raises(TransitionError):
            table.check(before, after)


@pytest.mark.parametrize("table", TABLES)
def test_every_status_has_a_label_and_a_row_and_some_status_is_final(table):
    assert set(table.labels) == set(table.moves)
    assert all(set(targets) <= set(table.moves) for targets in table.moves.values())
    assert any(not targets for targets in table.moves.values())


def test_an_unknown_status_is_refused():
    with pytest.raises(TransitionError, match="Unknown status"):
        g.MEETING.check("scheduled", "postponed")


@pytest.mark.parametrize(("table", "start"), [(g.ACTION, "An action that is"), (g.ESCALATION, "An escalation that is"),
                                              (g.MEETING, "A meeting that is")])
def test_refusals_read_as_english(table, start):
    final = next(s for s, targets in table.moves.items() if not targets)
    with pytest.raises(TransitionError, match=f"^{start}"):
        table.check(final, next(iter(table.moves)))
