"""Recording the group's decision on a rapid review, and each statutory partner's sign-off of it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.lifecycle import RapidReviewStatus
from casereview.meetings.services import last_review_meeting, meeting_verdict
from casereview.partnerships.access import require_administer

from .criteria import ANSWER_LABELS, CRITERIA, METHODOLOGIES
from .models import PARTNER_CHOICES, Decision, Outcome, ParallelProcess, RapidReview, SignOff
from .services import _transition

TEXTS = {
    "immediate_actions": "Describe the immediate safeguarding action taken, including for any siblings",
    "learning_so_far": "Describe the learning so far: good practice and improvements needed",
    "identity_and_inequalities": "Say how identity and inequalities shaped the child's experience and the practice",
    "national_review_rationale": "Give the rationale for whether the case may merit a national review",
}
PARTNERS = dict(PARTNER_CHOICES)


@transaction.atomic
def rapid_review_decide(*, actor, review, data: dict) -> Decision:
    """Record the decision with a rationale against every criterion; flag it for ratification if inquorate.

    `data` holds the TEXTS fields, "criteria" ({key: {"answer", "rationale"}}), "outcome", "methodology",
    "dissent", "escalated_to_slg" and optionally "decided_on" (default: the meeting's date).
    """
    require_administer(actor, review.partnership)
    locked = RapidReview.objects.select_for_update().get(pk=review.pk)
    if Decision.objects.filter(rapid_review=locked).exists():
        raise ValidationError({"__all__": ["A decision has already been recorded for this review"]})
    locked = _transition(actor, locked, RapidReviewStatus.DECIDED, "")
    meeting = last_review_meeting(locked)
    meeting_day = timezone.localdate(meeting.starts_at) if meeting else None
    decided_on = data.get("decided_on") or meeting_day
    _validate_decision(data, decided_on, meeting_day)
    verdict = meeting_verdict(meeting) if meeting else None
    # A decision taken without a quorum stands only once ratified.
    decision = _decision_create(locked, data, decided_on, actor, needs_ratification=not (verdict and verdict.quorate))
    audit_record(actor=actor, verb=Verb.CREATED, target=locked, changes={
        "decision_outcome": [None, decision.outcome], "decided_on": [None, decided_on.isoformat()],
        "criteria": [None, {k: v["answer"] for k, v in decision.criteria.items()}],
        "needs_ratification": [None, decision.needs_ratification],
        "escalated_to_slg": [None, decision.escalated_to_slg],
    })
    return decision


def _decision_create(review, data: dict, decided_on, actor, *, needs_ratification: bool) -> Decision:
    return Decision.objects.create(
        rapid_review=review, decided_on=decided_on, recorded_by=actor, needs_ratification=needs_ratification,
        **{name: data[name].strip() for name in TEXTS},
        criteria={c.key: {"answer": data["criteria"][c.key]["answer"],
                          "rationale": data["criteria"][c.key]["rationale"].strip()} for c in CRITERIA},
        outcome=data["outcome"], methodology=data.get("methodology") or "",
        household_context=(data.get("household_context") or "").strip(),
        childs_voice=(data.get("childs_voice") or "").strip(),
        parallel_processes=[p for p in data.get("parallel_processes") or [] if p in ParallelProcess.values],
        parallel_notes=(data.get("parallel_notes") or "").strip(),
        dissent=(data.get("dissent") or "").strip(), escalated_to_slg=bool(data.get("escalated_to_slg")),
    )


def _validate_decision(data: dict, decided_on, meeting_day) -> None:
    errors = {name: message for name, message in TEXTS.items() if not str(data.get(name) or "").strip()}
    errors.update(_criteria_errors(data.get("criteria") or {}))
    if data.get("outcome") not in Outcome.values:
        errors["outcome"] = "Choose the outcome of the rapid review"
    methodology = data.get("methodology") or ""
    if methodology and methodology not in METHODOLOGIES:
        errors["methodology"] = "Choose a methodology from the list"
    elif not methodology and data.get("outcome") == Outcome.LCSPR:
        errors["methodology"] = "Choose a methodology for the local child safeguarding practice review"
    if data.get("escalated_to_slg") and not str(data.get("dissent") or "").strip():
        errors["dissent"] = "Record the dissent that is being escalated to the SLG"
    date_error = _decided_on_error(decided_on, meeting_day)
    if date_error:
        errors["decided_on"] = date_error
    if errors:
        raise ValidationError(errors)


def _criteria_errors(criteria: dict) -> dict[str, str]:
    errors = {}
    for criterion in CRITERIA:
        answer = criteria.get(criterion.key) or {}
        if answer.get("answer") not in ANSWER_LABELS:
            errors[f"answer_{criterion.key}"] = f"Answer {criterion.name}: yes, no or not yet known"
        if not str(answer.get("rationale") or "").strip():
            errors[f"rationale_{criterion.key}"] = f"Give a rationale for {criterion.name}"
    return errors


def _decided_on_error(decided_on, meeting_day) -> str | None:
    if not isinstance(decided_on, date):
        return "Enter the date of the decision"
    if decided_on > timezone.localdate():
        return "The decision date cannot be in the future"
    if meeting_day and decided_on < meeting_day:
        return f"The decision cannot be before the meeting ({format_date(meeting_day)})"
    return None


@transaction.atomic
def rapid_review_sign_off(*, actor, review, partner: str, signed_by: str, signed_on) -> SignOff:
    """Record one statutory partner's sign-off; the third moves the review to signed off."""
    require_administer(actor, review.partnership)
    locked = RapidReview.objects.select_for_update().get(pk=review.pk)
    if locked.status != RapidReviewStatus.DECIDED:
        status = RapidReviewStatus(locked.status).label.lower()
        raise ValidationError({"__all__": [f"Sign-off follows the decision; this review is {status}"]})
    decision = Decision.objects.get(rapid_review=locked)
    _validate_sign_off(locked, decision, partner, signed_by, signed_on)
    sign_off = SignOff.objects.create(rapid_review=locked, partner=partner, signed_by=signed_by.strip(),
                                      signed_on=signed_on, recorded_by=actor)
    audit_record(actor=actor, verb=Verb.CREATED, target=locked, changes={
        f"sign_off {partner}": [None, f"{sign_off.signed_by} on {signed_on.isoformat()}"],
    })
    if SignOff.objects.filter(rapid_review=locked).count() == len(PARTNERS):
        _transition(actor, locked, RapidReviewStatus.SIGNED_OFF, "")
    return sign_off


def _validate_sign_off(review, decision, partner, signed_by, signed_on) -> None:
    errors = {}
    earlier = SignOff.objects.filter(rapid_review=review, partner=partner).first()
    if partner not in PARTNERS:
        errors["partner"] = "Select the safeguarding partner who is signing off"
    elif earlier:
        errors["partner"] = (f"{PARTNERS[partner]} has already signed off ({earlier.signed_by}, "
                             f"{format_date(earlier.signed_on)})")
    if not (signed_by or "").strip():
        errors["signed_by"] = "Enter the name of the person who signed off"
    if not isinstance(signed_on, date):
        errors["signed_on"] = "Enter the date of sign-off"
    elif signed_on < decision.decided_on:
        errors["signed_on"] = f"Sign-off cannot be before the decision ({format_date(decision.decided_on)})"
    elif signed_on > timezone.localdate():
        errors["signed_on"] = "The sign-off date cannot be in the future"
    if errors:
        raise ValidationError(errors)
