"""The publication-harm check's rules and the publication draft's status table (pure Python, no database)."""

from __future__ import annotations

from itertools import product

import pytest

from casereview.domain.lifecycle import TransitionError
from casereview.domain.publication import (
    PUBLICATION_DRAFT,
    DraftStatus,
    harm_check_concerns,
    harm_check_refusal,
)

D = DraftStatus
ANSWERS = ["yes", "no", "not_known"]


@pytest.mark.parametrize("harm, pending, decision, refused", [
    ("no", "no", "full", ""),
    ("no", "yes", "full", "trial or inquest"),
    ("no", "not_known", "full", "trial or inquest"),
    ("yes", "no", "full", "surviving child"),
    ("not_known", "no", "full", "surviving child"),
    ("yes", "yes", "improvements_only", ""),
    ("yes", "yes", "not_yet", ""),
])
def test_publishing_in_full_is_refused_while_a_trial_or_harm_to_a_child_is_possible(harm, pending, decision,
                                                                                    refused):
    """In full only when no trial or inquest is pending and no surviving child would be harmed."""
    reason = harm_check_refusal(harm_to_child=harm, proceedings_pending=pending, family_told="yes",
                                decision=decision)
    assert (refused in reason) if refused else reason == ""


@pytest.mark.parametrize("harm, pending, told", list(product(ANSWERS, ANSWERS, ["yes", "no"])))
def test_every_answer_other_than_the_safe_one_raises_a_concern(harm, pending, told):
    """One concern for each answer that needs care; none when all is clear."""
    concerns = harm_check_concerns(harm_to_child=harm, proceedings_pending=pending, family_told=told)
    assert len(concerns) == (harm != "no") + (pending != "no") + (told != "yes")


@pytest.mark.parametrize("before, after", [
    (D.DRAFT, D.HARM_CHECKED), (D.DRAFT, D.HELD), (D.HELD, D.HARM_CHECKED), (D.HARM_CHECKED, D.HELD),
    (D.HARM_CHECKED, D.IN_REVIEW), (D.IN_REVIEW, D.REDACTED), (D.REDACTED, D.IN_REVIEW),
    (D.REDACTED, D.SIGNED_OFF),
])
def test_the_moves_the_table_allows(before, after):
    assert PUBLICATION_DRAFT.check(before, after) == after


@pytest.mark.parametrize("before, after", [
    (D.DRAFT, D.IN_REVIEW), (D.HELD, D.IN_REVIEW), (D.DRAFT, D.SIGNED_OFF), (D.IN_REVIEW, D.SIGNED_OFF),
    (D.HARM_CHECKED, D.REDACTED), (D.SIGNED_OFF, D.IN_REVIEW), (D.SIGNED_OFF, D.REDACTED), (D.IN_REVIEW, D.HELD),
])
def test_the_moves_it_refuses_say_what_is_allowed(before, after):
    """No redaction before the harm check, no sign-off before redaction ends, nothing after sign-off."""
    with pytest.raises(TransitionError, match="publication draft"):
        PUBLICATION_DRAFT.check(before, after)


def test_signed_off_is_final():
    """A signed-off draft can become nothing else: a new version is a new draft."""
    assert PUBLICATION_DRAFT.allowed(D.SIGNED_OFF) == frozenset()
