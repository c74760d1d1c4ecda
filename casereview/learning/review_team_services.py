"""A practice review's reviewers (with their independence) and its milestones (practitioner event, family
engagement, drafts, quality assurance by the subgroup). Business team only; each write audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record, diff_fields, snapshot
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date

from .access import require_manage_learning
from .models import Review, Reviewer, ReviewKind, ReviewMilestone
from .models.reviews import MilestoneKind

MILESTONE_FIELDS = ["kind", "label", "planned_on", "done_on", "notes"]


def _lcspr(review) -> Review:
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.kind != ReviewKind.LCSPR:
        raise ValidationError({"__all__": ["Only a local child safeguarding practice review has reviewers and "
                                           "milestones here"]})
    return locked


@transaction.atomic
def reviewer_add(*, actor, review, name: str, organisation: str = "", independent: bool = True,
                 independence: str = "") -> Reviewer:
    """Appoint a reviewer. An independent reviewer needs a statement of why; a reviewer who is not
    independent is allowed, and flagged on the review's page."""
    require_manage_learning(actor, review.partnership)
    locked = _lcspr(review)
    errors = {}
    if not (name or "").strip():
        errors["name"] = "Enter the reviewer's name"
    if independent and not (independence or "").strip():
        errors["independence"] = ("Say why the reviewer is independent of the agencies involved, for example "
                                  "no role in the case or its management")
    if errors:
        raise ValidationError(errors)
    reviewer = Reviewer.objects.create(review=locked, name=name.strip(), organisation=(organisation or "").strip(),
                                       independent=bool(independent), independence=(independence or "").strip())
    audit_record(actor=actor, verb=Verb.CREATED, target=reviewer, partnership=locked.partnership, changes={
        "review": [None, locked.pk], "name": [None, reviewer.name], "organisation": [None, reviewer.organisation],
        "independent": [None, reviewer.independent]})
    return reviewer


@transaction.atomic
def reviewer_remove(*, actor, review, reviewer) -> None:
    """Remove a reviewer from the review (the audit trail keeps who they were)."""
    require_manage_learning(actor, review.partnership)
    if reviewer.review_id != review.pk:
        raise ValidationError({"__all__": ["That reviewer is not on this review"]})
    audit_record(actor=actor, verb=Verb.DELETED, target=reviewer, partnership=review.partnership, changes={
        "review": [review.pk, None], "name": [reviewer.name, None]})
    reviewer.delete()


def _milestone_errors(review, data: dict) -> dict:
    errors = {}
    if data.get("kind") not in MilestoneKind.values:
        errors["kind"] = "Choose the kind of milestone"
    elif data["kind"] == MilestoneKind.OTHER and not (data.get("label") or "").strip():
        errors["label"] = "Say what the milestone is"
    planned, done = data.get("planned_on"), data.get("done_on")
    if not isinstance(planned, date):
        errors["planned_on"] = "Enter the date it is planned for"
    elif review.decision_date and planned < review.decision_date:
        errors["planned_on"] = f"The planned date cannot be before the decision ({format_date(review.decision_date)})"
    if done is not None and done > timezone.localdate():
        errors["done_on"] = "The date it was done cannot be in the future: leave it blank until it is done"
    elif done is not None and review.decision_date and done < review.decision_date:
        errors["done_on"] = f"The date it was done cannot be before the decision ({format_date(review.decision_date)})"
    return errors


def _values(data: dict) -> dict:
    return {"kind": data.get("kind"), "label": (data.get("label") or "").strip(), "planned_on": data.get("planned_on"),
            "done_on": data.get("done_on"), "notes": (data.get("notes") or "").strip()}


@transaction.atomic
def milestone_add(*, actor, review, kind: str, planned_on, label: str = "", done_on=None,
                  notes: str = "") -> ReviewMilestone:
    """Plan a milestone (a practitioner event, family engagement, a draft, QA by the subgroup, or other)."""
    require_manage_learning(actor, review.partnership)
    locked = _lcspr(review)
    values = _values({"kind": kind, "label": label, "planned_on": planned_on, "done_on": done_on, "notes": notes})
    errors = _milestone_errors(locked, values)
    if errors:
        raise ValidationError(errors)
    milestone = ReviewMilestone.objects.create(review=locked, **values)
    audit_record(actor=actor, verb=Verb.CREATED, target=milestone, partnership=locked.partnership, changes={
        "review": [None, locked.pk], "kind": [None, kind], "planned_on": [None, planned_on.isoformat()],
        "done_on": [None, done_on.isoformat() if done_on else None]})
    return milestone


@transaction.atomic
def milestone_update(*, actor, review, milestone, **data) -> ReviewMilestone:
    """Change a milestone's plan, or record the date it was done (blank while it is not)."""
    require_manage_learning(actor, review.partnership)
    locked = _lcspr(review)
    milestone = ReviewMilestone.objects.select_for_update().get(pk=milestone.pk, review=locked)
    values = _values({name: data.get(name, getattr(milestone, name)) for name in MILESTONE_FIELDS})
    errors = _milestone_errors(locked, values)
    if errors:
        raise ValidationError(errors)
    before = snapshot(milestone, MILESTONE_FIELDS)
    for name, value in values.items():
        setattr(milestone, name, value)
    milestone.save()
    changes = diff_fields(milestone, before, MILESTONE_FIELDS)
    if changes:
        audit_record(actor=actor, verb=Verb.UPDATED, target=milestone, partnership=locked.partnership,
                     changes=changes)
    return milestone
