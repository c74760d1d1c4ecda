"""Preparing a review's report for publication: the publication-harm check that must come first, and the
status table of a publication draft (DOMAIN.md §8: redaction is a reviewed, signed-off step).

Pure Python: the rules return explanations, the table refuses moves it does not list."""

from __future__ import annotations

from enum import StrEnum

from casereview.domain.governance_lifecycle import Lifecycle


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_KNOWN = "not_known"


ANSWER_LABELS = {Answer.YES: "Yes", Answer.NO: "No", Answer.NOT_KNOWN: "Not known"}


class HarmDecision(StrEnum):
    FULL = "full"
    IMPROVEMENTS_ONLY = "improvements_only"
    NOT_YET = "not_yet"


DECISION_LABELS = {
    HarmDecision.FULL: "Publish the report in full (redacted)",
    HarmDecision.IMPROVEMENTS_ONLY: "Publish the improvements only",
    HarmDecision.NOT_YET: "Do not publish yet",
}


def harm_check_concerns(*, harm_to_child: str, proceedings_pending: str, family_told: str) -> list[str]:
    """What the answers say needs care before anything is published, one sentence each."""
    concerns = []
    if harm_to_child != Answer.NO:
        concerns.append("Publication could harm a surviving child or sibling"
                        + (" (not known yet)." if harm_to_child == Answer.NOT_KNOWN else "."))
    if proceedings_pending != Answer.NO:
        concerns.append("A criminal trial or inquest is pending"
                        + (" (not known yet)" if proceedings_pending == Answer.NOT_KNOWN else "")
                        + ": publishing details could prejudice it.")
    if family_told != Answer.YES:
        concerns.append("The family have not been told: tell them before the report is published.")
    return concerns


def harm_check_refusal(*, harm_to_child: str, proceedings_pending: str, family_told: str, decision: str) -> str:
    """Why the decision cannot follow from the answers ("" when it can).

    The report cannot be published in full while a trial or inquest may be pending, or while publication may
    harm a surviving child: the improvements only, or not yet."""
    if decision != HarmDecision.FULL:
        return ""
    if proceedings_pending != Answer.NO:
        return ("A criminal trial or inquest is pending or not known: choose to publish the improvements only, "
                "or not to publish yet")
    if harm_to_child != Answer.NO:
        return ("Publication could harm a surviving child or sibling, or it is not known: choose to publish the "
                "improvements only, or not to publish yet")
    return ""


class DraftStatus(StrEnum):
    DRAFT = "draft"
    HELD = "held"
    HARM_CHECKED = "harm_checked"
    IN_REVIEW = "in_review"
    REDACTED = "redacted"
    SIGNED_OFF = "signed_off"


D = DraftStatus
PUBLICATION_DRAFT = Lifecycle("publication draft", {
    D.DRAFT: "Harm check needed",
    D.HELD: "Not to be published yet",
    D.HARM_CHECKED: "Ready to redact",
    D.IN_REVIEW: "Changes being reviewed",
    D.REDACTED: "Redacted: waiting for sign-off",
    D.SIGNED_OFF: "Signed off: publishable",
}, {
    D.DRAFT: frozenset({D.HARM_CHECKED, D.HELD}),
    D.HELD: frozenset({D.HARM_CHECKED}),
    D.HARM_CHECKED: frozenset({D.HELD, D.IN_REVIEW}),
    D.IN_REVIEW: frozenset({D.REDACTED}),
    D.REDACTED: frozenset({D.IN_REVIEW, D.SIGNED_OFF}),
    D.SIGNED_OFF: frozenset(),
})
# The harm check may be answered (again) until redaction starts.
HARM_CHECK_OPEN = frozenset({D.DRAFT, D.HELD, D.HARM_CHECKED})
STATUS_COLOURS = {D.DRAFT: "grey", D.HELD: "red", D.HARM_CHECKED: "blue", D.IN_REVIEW: "yellow",
                  D.REDACTED: "purple", D.SIGNED_OFF: "green"}
