"""Opening a rapid review and moving it through its lifecycle."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain import clocks as domain_clocks
from casereview.domain.lifecycle import RapidReviewStatus, TransitionError, check_transition
from casereview.domain.notifications import milestone_offsets
from casereview.partnerships.access import require_administer
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.terms_selectors import clock_rule_for

from .models import Milestone, RapidReview, StatusChange

RAPID_REVIEW_CLOCK = "rr"
# Milestones fall before sign-off; once the review is signed off, submitted or finished they are history.
MOVABLE_MILESTONES = {"notified", "gathering", "pack_circulated", "meeting_held", "decided"}


def rapid_review_open(*, actor, notification) -> RapidReview:
    """Open the rapid review of a notification, timed by the group's rule in force when its clock starts.

    Must run inside the caller's transaction (notification_record opens it as part of recording).
    """
    require_administer(actor, notification.partnership)
    group = notification.group
    definition, version, started_on = _rule_for_notification(group, notification)
    calendar = partnership_calendar(notification.partnership)
    review = RapidReview.objects.create(
        partnership=notification.partnership, notification=notification, group=group, terms_version=version,
        clock_id=RAPID_REVIEW_CLOCK, clock_start_event=definition.start_event.value, clock_started_on=started_on,
        due_date=domain_clocks.due_date(definition, started_on, calendar),
    )
    for key, label, offset in milestone_offsets(definition.length):
        when = calendar.add_working_days(started_on, offset)
        Milestone.objects.create(rapid_review=review, key=key, label=label, due_date=when, default_due_date=when)
    StatusChange.objects.create(rapid_review=review, before="", after=RapidReviewStatus.NOTIFIED, actor=actor)
    audit_record(actor=actor, verb=Verb.CREATED, target=review, changes={
        "due_date": [None, review.due_date.isoformat()], "terms_version": [None, version.version],
        "clock_started_on": [None, started_on.isoformat()], "clock_start_event": [None, review.clock_start_event],
    })
    return review


NOTIFICATION_EVENTS = {"incident_date", "la_aware_date", "sin_submitted_date", "received_date"}


def _rule_for_notification(group, notification):
    """The rapid review clock rule, the terms version it comes from, and the date the clock started.

    The version in force on receipt says which event starts the clock; the version in force on that
    start date then governs the case (it is the rule "in force when the clock started").
    """
    definition, version = _rule_on(group, notification.received_date)
    for _attempt in range(2):  # a version change between the two dates may name a different event
        if definition.start_event.value not in NOTIFICATION_EVENTS:
            raise ValidationError({"group": f"{group}'s rapid review clock starts from "
                                            f"{definition.start_event.value.replace('_', ' ')}, which a "
                                            "notification does not record: change the group's clocks first."})
        started_on = getattr(notification, definition.start_event.value)
        definition, version = _rule_on(group, started_on)
    if definition.start_event.value not in NOTIFICATION_EVENTS:
        raise ValidationError({"group": f"{group}'s rapid review clock does not start from a notification date."})
    return definition, version, getattr(notification, definition.start_event.value)


def _rule_on(group, on):
    try:
        return clock_rule_for(group, RAPID_REVIEW_CLOCK, on)
    except (LookupError, KeyError) as exc:
        raise ValidationError({"group": f"{group} has no rapid review clock in its terms of reference "
                                        f"in force on {domain_clocks.format_date(on)}."}) from exc


@transaction.atomic
def rapid_review_transition(*, actor, review: RapidReview, to: str, reason: str = "") -> RapidReview:
    """Move a review to a new status if the lifecycle table allows it; record the step and audit it."""
    require_administer(actor, review.partnership)
    locked = RapidReview.objects.select_for_update().get(pk=review.pk)
    return _transition(actor, locked, RapidReviewStatus(to), reason)


def _transition(actor, review: RapidReview, to: RapidReviewStatus, reason: str) -> RapidReview:
    """Apply a transition inside an open transaction (other services call this as part of their own write)."""
    try:
        step = check_transition(RapidReviewStatus(review.status), to, reason)
    except TransitionError as exc:
        raise ValidationError({"__all__": [str(exc)]}) from exc
    StatusChange.objects.create(rapid_review=review, before=step.before, after=step.after, reason=step.reason,
                                actor=actor)
    RapidReview.objects.filter(pk=review.pk).update(
        status=step.after.value,
        withdrawn_reason=step.reason if step.after == RapidReviewStatus.WITHDRAWN else review.withdrawn_reason,
    )
    review.refresh_from_db()
    audit_record(actor=actor, verb=Verb.UPDATED, target=review,
                 changes={"status": [step.before.value, step.after.value], **({"reason": [None, reason]}
                                                                              if reason else {})})
    return review


@transaction.atomic
def milestone_move(*, actor, milestone: Milestone, due_date: date) -> Milestone:
    """Move a milestone's date; it must stay on a working day on or before the review's due date."""
    review = milestone.rapid_review
    require_administer(actor, review.partnership)
    if review.status not in MOVABLE_MILESTONES:
        raise ValidationError({"due_date": "Milestones can no longer be moved: the review is "
                                           f"{RapidReviewStatus(review.status).label.lower()}"})
    calendar = partnership_calendar(review.partnership)
    if not calendar.is_working_day(due_date):
        raise ValidationError({"due_date": f"{domain_clocks.format_date(due_date)} is not a working day "
                                           f"({calendar.non_working_reason(due_date)})"})
    if due_date > review.due_date or due_date < review.clock_started_on:
        raise ValidationError({"due_date": "Choose a date within the review, on or before "
                                           f"{domain_clocks.format_date(review.due_date)}"})
    old = milestone.due_date
    milestone.due_date = due_date
    milestone.save(update_fields=["due_date"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=review, partnership=review.partnership,
                 changes={f"milestone {milestone.label}": [old.isoformat(), due_date.isoformat()]})
    return milestone
