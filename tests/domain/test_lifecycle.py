"""The rapid review lifecycle table: every allowed and every refused transition."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.domain.lifecycle import (
    RAPID_REVIEW_TRANSITIONS,
    RapidReviewStatus,
    TransitionError,
    check_transition,
)

S = RapidReviewStatus
HAPPY_PATH = [S.NOTIFIED, S.GATHERING, S.PACK_CIRCULATED, S.MEETING_HELD, S.DECIDED, S.SIGNED_OFF, S.SUBMITTED,
              S.FEEDBACK_RECEIVED, S.CLOSED]


@pytest.mark.parametrize("before, after", list(zip(HAPPY_PATH, HAPPY_PATH[1:], strict=False)))
def test_happy_path_steps_are_allowed(before, after):
    """Each step from notification to closure is allowed."""
    assert check_transition(before, after).after == after


@pytest.mark.parametrize("before, after", [
    (b, a) for b, a in itertools.product(S, S) if a not in RAPID_REVIEW_TRANSITIONS[b]
])
def test_every_other_transition_is_refused(before, after):
    """Anything not in the table raises an error that says what is allowed instead."""
    with pytest.raises(TransitionError, match="cannot become"):
        check_transition(before, after, reason="some reason")


def test_withdrawal_needs_a_reason():
    """Withdrawing a review without a reason is refused; with one it is allowed."""
    with pytest.raises(TransitionError, match="reason"):
        check_transition(S.GATHERING, S.WITHDRAWN, reason="  ")
    assert check_transition(S.GATHERING, S.WITHDRAWN, reason="Criteria not met").reason == "Criteria not met"


def test_finished_reviews_cannot_move():
    """Closed and withdrawn are final."""
    assert RAPID_REVIEW_TRANSITIONS[S.CLOSED] == frozenset()
    assert RAPID_REVIEW_TRANSITIONS[S.WITHDRAWN] == frozenset()


@given(st.lists(st.sampled_from(list(S)), max_size=20))
def test_any_walk_through_the_table_reaches_only_listed_states(steps):
    """Following only allowed steps from 'notified' never reaches a state outside the table's targets."""
    state = S.NOTIFIED
    for target in steps:
        if target in RAPID_REVIEW_TRANSITIONS[state]:
            state = check_transition(state, target, reason="r").after
    assert state in S
    assert state == S.NOTIFIED or any(state in targets for targets in RAPID_REVIEW_TRANSITIONS.values())


@pytest.mark.parametrize("before, after, allowed", [
    ("requested", "reminded", True), ("reminded", "reminded", True), ("requested", "returned", True),
    ("reminded", "nil_return", True), ("returned", "reminded", False), ("nil_return", "returned", False),
    ("returned", "requested", False),
])
def test_agency_request_transitions(before, after, allowed):
    """A returned request is final; requests may be reminded until they are answered."""
    from casereview.domain.lifecycle import check_request_transition

    if allowed:
        assert check_request_transition(before, after).value == after
    else:
        with pytest.raises(TransitionError):
            check_request_transition(before, after)
