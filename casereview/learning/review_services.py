"""Local child safeguarding practice reviews: commissioning one from its rapid review's decision, changing
its record, moving it through the PRACTICE_REVIEW lifecycle, the advance copy, and publication or a decision
not to publish. Other reviews move through OTHER_REVIEW here too. Business team only; each write is one
transaction with its audit event."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record, diff_fields, snapshot
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.lifecycle import TransitionError
from casereview.domain.practice_reviews import (
    DEFAULT_ADVANCE_WORKING_DAYS,
    OTHER_REVIEW,
    PRACTICE_REVIEW,
    OtherReviewStatus,
    PracticeReviewStatus,
)
from casereview.reviews.models import Outcome, RapidReview

from .access import require_manage_learning
from .models import Review, ReviewKind
from .models.reviews import MilestoneKind

P = PracticeReviewStatus
ADVANCE_MIN, ADVANCE_MAX = 1, 30
LCSPR_FIELDS = ["title", "reference", "summary", "group", "scope", "review_terms", "methodology",
                "planned_publication_date", "advance_working_days", "year"]
# move -> (True for an LCSPR, False for any other review; the status it starts from; the status it leads to).
# Start and send back both lead to "in progress", so the move names where it comes from too.
MOVES = {
    "start": (True, P.COMMISSIONED, P.IN_PROGRESS),
    "quality_assured": (True, P.IN_PROGRESS, P.QUALITY_ASSURED),
    "send_back": (True, P.QUALITY_ASSURED, P.IN_PROGRESS),
    "complete": (False, OtherReviewStatus.OPEN, OtherReviewStatus.COMPLETED),
    "reopen": (False, OtherReviewStatus.COMPLETED, OtherReviewStatus.OPEN),
}
MOVE_LABELS = {
    "start": "Start the review: the reviewer has begun the work",
    "quality_assured": "The subgroup has quality assured the final report",
    "send_back": "Send the report back for more work",
    "complete": "Mark the review complete",
    "reopen": "Reopen the review",
}
MOVE_BUTTONS = {"start": "Start the review", "quality_assured": "Mark quality assured", "send_back": "Send back",
                "complete": "Mark complete", "reopen": "Reopen"}
TEXT_FIELDS = {"title", "reference", "summary", "scope", "review_terms", "methodology"}
OPEN_STATUSES = (P.COMMISSIONED, P.IN_PROGRESS, P.QUALITY_ASSURED)


def moves_for(review) -> list[str]:
    """The moves its lifecycle allows from the review's status now, in a stable order."""
    lcspr = review.kind == ReviewKind.LCSPR
    table = PRACTICE_REVIEW if lcspr else OTHER_REVIEW
    allowed = table.allowed(review.status) if review.status in table.moves else frozenset()
    return [m for m, (for_lcspr, before, after) in MOVES.items()
            if for_lcspr == lcspr and before == review.status and after in allowed]


def _lcspr_decision(rapid_review):
    """The rapid review's decision when it is to hold an LCSPR not yet commissioned; else a ValidationError."""
    decision = getattr(rapid_review, "decision", None)
    if decision is None:
        raise ValidationError({"__all__": ["No decision is recorded for this rapid review yet"]})
    if decision.outcome != Outcome.LCSPR:
        raise ValidationError({"__all__": [f"The decision was “{decision.get_outcome_display()}”: only a "
                                           "decision to hold a local child safeguarding practice review "
                                           "commissions one"]})
    if Review.objects.filter(rapid_review=rapid_review, kind=ReviewKind.LCSPR).exists():
        raise ValidationError({"__all__": ["A practice review has already been commissioned from this rapid "
                                           "review"]})
    return decision


def _record_errors(partnership, data: dict, decision_date: date | None) -> dict:
    errors = {}
    if not (data.get("title") or "").strip():
        errors["title"] = "Enter a title, using pseudonyms only"
    if not (data.get("scope") or "").strip():
        errors["scope"] = "Enter the scope of the review: the period and the questions it will look at"
    if not (data.get("methodology") or "").strip():
        errors["methodology"] = "Choose the methodology"
    group = data.get("group")
    if group is None or group.partnership_id != partnership.pk:
        errors["group"] = "Choose the group that oversees the review"
    days = data.get("advance_working_days")
    if not isinstance(days, int) or not ADVANCE_MIN <= days <= ADVANCE_MAX:
        errors["advance_working_days"] = (f"The advance copy must be between {ADVANCE_MIN} and {ADVANCE_MAX} "
                                          "working days before publication")
    planned = data.get("planned_publication_date")
    if planned is not None and decision_date is not None and planned < decision_date:
        errors["planned_publication_date"] = ("The planned publication date cannot be before the decision "
                                              f"({format_date(decision_date)})")
    return errors


def _clean(data: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}


@transaction.atomic
def practice_review_commission(*, actor, rapid_review, title: str, group, scope: str, methodology: str,
                               reference: str = "", review_terms: str = "", summary: str = "",
                               planned_publication_date: date | None = None,
                               advance_working_days: int = DEFAULT_ADVANCE_WORKING_DAYS) -> Review:
    """Commission the LCSPR the rapid review's decision calls for (once); its 6-month clock runs from the
    decision date."""
    require_manage_learning(actor, rapid_review.partnership)
    locked = RapidReview.objects.select_for_update().get(pk=rapid_review.pk)
    decision = _lcspr_decision(locked)
    data = _clean({"title": title, "reference": reference, "summary": summary, "group": group, "scope": scope,
                   "review_terms": review_terms, "methodology": methodology,
                   "planned_publication_date": planned_publication_date,
                   "advance_working_days": advance_working_days})
    errors = _record_errors(locked.partnership, data, decision.decided_on)
    if errors:
        raise ValidationError(errors)
    review = Review.objects.create(
        partnership=locked.partnership, kind=ReviewKind.LCSPR, status=P.COMMISSIONED, rapid_review=locked,
        decision_date=decision.decided_on, year=decision.decided_on.year, created_by=actor, **data)
    audit_record(actor=actor, verb=Verb.CREATED, target=review, partnership=review.partnership, changes={
        "kind": [None, ReviewKind.LCSPR.value], "status": [None, P.COMMISSIONED.value],
        "rapid_review": [None, locked.notification.reference], "decision_date": [None, decision.decided_on.isoformat()],
        "title": [None, review.title], "group": [None, group.name], "methodology": [None, review.methodology],
    })
    return review


def _locked(review) -> Review:
    return Review.objects.select_for_update(of=("self",)).select_related("group").get(pk=review.pk)


def _lcspr_locked(review) -> Review:
    locked = _locked(review)
    if locked.kind != ReviewKind.LCSPR:
        raise ValidationError({"__all__": ["Only a local child safeguarding practice review has this step"]})
    return locked


@transaction.atomic
def practice_review_update(*, actor, review, **data) -> Review:
    """Change the practice review's record (title, scope, terms, methodology, planned publication ...)."""
    require_manage_learning(actor, review.partnership)
    locked = _lcspr_locked(review)
    values = _clean({name: data.get(name, getattr(locked, name)) for name in LCSPR_FIELDS})
    errors = _record_errors(locked.partnership, values, locked.decision_date)
    if errors:
        raise ValidationError(errors)
    before = snapshot(locked, LCSPR_FIELDS)
    for name, value in values.items():
        setattr(locked, name, "" if value is None and name in TEXT_FIELDS else value)
    locked.save()
    changes = diff_fields(locked, before, LCSPR_FIELDS)
    if changes:
        audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership, changes=changes)
    return locked


def _check(table, before: str, after: str, field: str) -> None:
    try:
        table.check(before, after)
    except TransitionError as exc:
        raise ValidationError({field: [str(exc)]}) from exc


@transaction.atomic
def review_move(*, actor, review, move: str) -> Review:
    """Move a review one step through its lifecycle: start, quality assured (the QA milestone must be done),
    send back; or for any other review, complete and reopen."""
    require_manage_learning(actor, review.partnership)
    locked = _locked(review)
    lcspr = locked.kind == ReviewKind.LCSPR
    if move not in MOVES or MOVES[move][0] != lcspr:
        raise ValidationError({"move": ["Choose what to do with the review"]})
    table, (_kind, start, after) = PRACTICE_REVIEW if lcspr else OTHER_REVIEW, MOVES[move]
    _check(table, locked.status, after, "move")
    if locked.status != start:
        raise ValidationError({"move": [f"Only {table.a_noun} that is {table.label(start).lower()} can do this: "
                                        f"this one is {table.label(locked.status).lower()}"]})
    if move == "quality_assured" and not locked.milestones.filter(
            kind=MilestoneKind.QUALITY_ASSURANCE, done_on__isnull=False).exists():
        raise ValidationError({"move": ["Record the quality assurance by the subgroup as done (a milestone with "
                                        "the date it was done) before marking the review quality assured"]})
    before = locked.status
    locked.status = after.value
    if not lcspr:
        locked.completed_on = timezone.localdate() if after == OtherReviewStatus.COMPLETED else None
    locked.save(update_fields=["status", "completed_on"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership,
                 changes={"status": [before, locked.status]})
    return locked


def _day_error(day, what: str, decision_date: date | None) -> str | None:
    if not isinstance(day, date):
        return f"Enter the date {what}"
    if day > timezone.localdate():
        return f"The date {what} cannot be in the future"
    if decision_date is not None and day < decision_date:
        return f"The date {what} cannot be before the decision ({format_date(decision_date)})"
    return None


def _finish(actor, locked, after, changes: dict) -> Review:
    before = locked.status
    locked.status = after.value
    locked.save()
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership,
                 changes={"status": [before, locked.status], **changes})
    return locked


@transaction.atomic
def practice_review_publish(*, actor, review, published_on, publication_url: str, pseudonyms: str) -> Review:
    """Record the publication of a quality-assured review: the date, where it is, and the pseudonyms used."""
    require_manage_learning(actor, review.partnership)
    locked = _lcspr_locked(review)
    _check(PRACTICE_REVIEW, locked.status, P.PUBLISHED, "__all__")
    errors = {}
    day_error = _day_error(published_on, "it was published", locked.decision_date)
    if day_error:
        errors["published_on"] = day_error
    url = (publication_url or "").strip()
    if not url.startswith(("https://", "http://")):
        errors["publication_url"] = "Enter the address where the report is published, starting https://"
    if not (pseudonyms or "").strip():
        errors["pseudonyms"] = "Enter the pseudonyms the published report uses, for example Child O, Family U"
    if errors:
        raise ValidationError(errors)
    locked.published_on, locked.publication_url, locked.pseudonyms = published_on, url, pseudonyms.strip()
    return _finish(actor, locked, P.PUBLISHED, {
        "published_on": [None, published_on.isoformat()], "publication_url": [None, url],
        "pseudonyms": [None, locked.pseudonyms]})


@transaction.atomic
def practice_review_not_publish(*, actor, review, reasons: str, completed_on) -> Review:
    """Record a decision not to publish a quality-assured review, with its reasons; the review is completed."""
    require_manage_learning(actor, review.partnership)
    locked = _lcspr_locked(review)
    _check(PRACTICE_REVIEW, locked.status, P.NOT_PUBLISHED, "__all__")
    errors = {}
    if not (reasons or "").strip():
        errors["reasons"] = ("Enter why the report is not being published, for example the harm publication "
                             "would do to a surviving child")
    day_error = _day_error(completed_on, "the review was completed", locked.decision_date)
    if day_error:
        errors["completed_on"] = day_error
    if errors:
        raise ValidationError(errors)
    locked.not_published_reasons, locked.completed_on = reasons.strip(), completed_on
    return _finish(actor, locked, P.NOT_PUBLISHED, {
        "not_published_reasons": [None, locked.not_published_reasons],
        "completed_on": [None, completed_on.isoformat()]})


@transaction.atomic
def advance_copy_record(*, actor, review, sent_on) -> Review:
    """Record the date the final report went to the Panel and the Secretary of State."""
    require_manage_learning(actor, review.partnership)
    locked = _lcspr_locked(review)
    if locked.status == P.NOT_PUBLISHED:
        raise ValidationError({"__all__": ["The review was completed without publication: no advance copy is "
                                           "needed"]})
    day_error = _day_error(sent_on, "the copy was sent", locked.decision_date)
    if day_error:
        raise ValidationError({"sent_on": [day_error]})
    before = locked.advance_copy_sent_on
    locked.advance_copy_sent_on = sent_on
    locked.save(update_fields=["advance_copy_sent_on"])
    audit_record(actor=actor, verb=Verb.SENT, target=locked, partnership=locked.partnership, changes={
        "advance_copy_sent_on": [before.isoformat() if before else None, sent_on.isoformat()]})
    return locked
