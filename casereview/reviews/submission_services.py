"""Sending the rapid review to the Panel, recording and sharing the Panel's feedback, and closing the review."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain import clocks as domain_clocks
from casereview.domain.clocks import StartEvent, format_date
from casereview.domain.lifecycle import RapidReviewStatus
from casereview.partnerships.access import require_administer
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.models import Person
from casereview.partnerships.selectors import membership_list
from casereview.partnerships.terms_selectors import parsed
from casereview.web.mail import notice_send

from .access import can_read_review
from .models import RapidReview, SignOff, Submission
from .services import _transition
from .submission_documents import submission_docx, submission_pdf

FEEDBACK_OUTCOMES = dict(Submission._meta.get_field("feedback_outcome").choices)
PANEL_CLOCK = "panel"


def panel_clock(review) -> domain_clocks.ClockDefinition | None:
    """The group's Panel feedback clock under the terms the review started with, or None if they set none."""
    try:
        return parsed(review.terms_version).clock(PANEL_CLOCK)
    except KeyError:
        return None


def feedback_expectation(review) -> str:
    """One sentence for the submit page on when the Panel's feedback is expected, under this group's terms."""
    clock = panel_clock(review)
    if clock is None:
        return ("This group's terms of reference set no date for the Panel's feedback, so none will be expected.")
    event = "the Panel meeting that discusses the case" if clock.start_event == StartEvent.PANEL_MEETING \
        else "the submission"
    return (f"Under this group's terms of reference the Panel's feedback is expected within {clock.length} "
            f"{clock.unit.value.replace('_', ' ')} of {event}. It is an expected date, not a deadline.")


def _feedback_expected_on(review, sent_on: date, panel_meeting_date: date | None) -> date | None:
    clock = panel_clock(review)
    anchors = {StartEvent.PANEL_MEETING: panel_meeting_date, StartEvent.PANEL_SUBMISSION: sent_on}
    anchor = anchors.get(clock.start_event) if clock else None
    if anchor is None:
        return None
    return domain_clocks.due_date(clock, anchor, partnership_calendar(review.partnership))


@transaction.atomic
def rapid_review_submit(*, actor, review, sent_on, panel_meeting_date=None) -> Submission:
    """Record when and by whom the review went to the Panel, with the date its feedback is expected (if any)."""
    require_administer(actor, review.partnership)
    locked = RapidReview.objects.select_for_update().get(pk=review.pk)
    if Submission.objects.filter(rapid_review=locked).exists():
        raise ValidationError({"__all__": ["The submission to the Panel has already been recorded"]})
    locked = _transition(actor, locked, RapidReviewStatus.SUBMITTED, "")
    _validate_submit(locked, sent_on, panel_meeting_date)
    submission = Submission.objects.create(
        rapid_review=locked, sent_on=sent_on, sent_by=actor, panel_meeting_date=panel_meeting_date,
        feedback_expected_on=_feedback_expected_on(locked, sent_on, panel_meeting_date),
    )
    audit_record(actor=actor, verb=Verb.CREATED, target=locked, changes={
        "submitted_on": [None, sent_on.isoformat()],
        "panel_meeting_date": [None, panel_meeting_date.isoformat() if panel_meeting_date else None],
        "feedback_expected_on": [None, submission.feedback_expected_on.isoformat()
                                 if submission.feedback_expected_on else None],
    })
    return submission


def _validate_submit(review, sent_on, panel_meeting_date) -> None:
    errors = {}
    last_sign_off = SignOff.objects.filter(rapid_review=review).order_by("-signed_on").first()
    if not isinstance(sent_on, date):
        errors["sent_on"] = "Enter the date the review was sent to the Panel"
    elif sent_on > timezone.localdate():
        errors["sent_on"] = "The date sent cannot be in the future"
    elif last_sign_off and sent_on < last_sign_off.signed_on:
        signed = format_date(last_sign_off.signed_on)
        errors["sent_on"] = f"The review cannot be sent before its last sign-off ({signed})"
    if panel_meeting_date is not None and isinstance(sent_on, date) and panel_meeting_date < sent_on:
        errors["panel_meeting_date"] = "The Panel meeting cannot be before the review was sent to the Panel"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def rapid_review_feedback_record(*, actor, review, outcome: str, received_on, summary: str,
                                 follow_on_actions: str = "") -> Submission:
    """Record the Panel's feedback on the submission."""
    require_administer(actor, review.partnership)
    locked = RapidReview.objects.select_for_update().get(pk=review.pk)
    locked = _transition(actor, locked, RapidReviewStatus.FEEDBACK_RECEIVED, "")
    submission = Submission.objects.get(rapid_review=locked)
    errors = {}
    if outcome not in FEEDBACK_OUTCOMES:
        errors["outcome"] = "Select what the Panel said about the decision"
    if not isinstance(received_on, date):
        errors["received_on"] = "Enter the date the feedback was received"
    elif received_on < submission.sent_on or received_on > timezone.localdate():
        errors["received_on"] = (f"The feedback date must be between the submission "
                                 f"({format_date(submission.sent_on)}) and today")
    if not (summary or "").strip():
        errors["summary"] = "Summarise the Panel's feedback"
    if errors:
        raise ValidationError(errors)
    submission.feedback_outcome, submission.feedback_received_on = outcome, received_on
    submission.feedback_summary = summary.strip()
    submission.follow_on_actions = (follow_on_actions or "").strip()
    submission.save(update_fields=["feedback_outcome", "feedback_received_on", "feedback_summary",
                                   "follow_on_actions"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, changes={
        "feedback_outcome": [None, outcome], "feedback_received_on": [None, received_on.isoformat()],
    })
    return submission


@transaction.atomic
def rapid_review_feedback_share(*, actor, review) -> Submission:
    """Record that the Panel's feedback has been shared, and e-mail the group and the signatories on commit."""
    require_administer(actor, review.partnership)
    locked = RapidReview.objects.select_for_update().get(pk=review.pk)
    submission = Submission.objects.filter(rapid_review=locked).first()
    if submission is None or submission.feedback_received_on is None:
        raise ValidationError({"__all__": ["Record the Panel's feedback before sharing it"]})
    if submission.feedback_shared_on:
        raise ValidationError({"__all__": [f"The feedback was shared on {format_date(submission.feedback_shared_on)}"]})
    submission.feedback_shared_on = timezone.localdate()
    submission.save(update_fields=["feedback_shared_on"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked,
                 changes={"feedback_shared_on": [None, submission.feedback_shared_on.isoformat()]})
    emails = feedback_recipients(locked)
    transaction.on_commit(lambda: _mail_feedback(locked, emails))
    return submission


def feedback_recipients(review) -> list[str]:
    """The group's current members, and the users of the people named in the partners' sign-offs."""
    emails = {m.person.email for m in membership_list(review.group) if m.person.email}
    names = [name.lower() for name in review.sign_offs.values_list("signed_by", flat=True)]
    people = Person.objects.annotate(lower_name=Lower("full_name")).filter(
        partnership=review.partnership, lower_name__in=names).select_related("user")
    # Sign-offs name people in free text: mail a person only when the name matches exactly one of them.
    matches: dict[str, list] = {}
    for person in people:
        matches.setdefault(person.lower_name, []).append(person)
    emails |= {found[0].user.email for found in matches.values()
               if len(found) == 1 and found[0].user and found[0].user.email and found[0].user.is_active}
    return sorted(emails)


def _mail_feedback(review, emails: list[str]) -> None:
    """A link only: the feedback itself may carry case detail."""
    if not emails:
        return
    link = f"{settings.SITE_URL}{reverse('reviews:detail', args=[review.pk])}"
    notice_send(subject=f"Panel feedback received: {review.notification.reference}",
                message=(f"The Child Safeguarding Practice Review Panel's feedback on rapid review "
                         f"{review.notification.reference} has been recorded.\n\nSign in to read it: {link}\n"),
                recipients=emails, about=f"the feedback on review {review.pk}")


@transaction.atomic
def rapid_review_close(*, actor, review) -> RapidReview:
    """Close the review once the Panel's feedback is in."""
    require_administer(actor, review.partnership)
    locked = RapidReview.objects.select_for_update().get(pk=review.pk)
    locked = _transition(actor, locked, RapidReviewStatus.CLOSED, "")
    today = timezone.localdate()
    RapidReview.objects.filter(pk=locked.pk).update(closed_on=today)
    locked.refresh_from_db()
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, changes={"closed_on": [None, today.isoformat()]})
    return locked


def rapid_review_submission_download(*, actor, review, kind: str) -> bytes:
    """Return the Panel submission as "docx" or "pdf", recording the download. The document is made before the
    short transaction that records it (as the pack is: see rapid_review_pack_download)."""
    if not can_read_review(actor, review):
        raise PermissionDenied("You cannot read this review.")
    data = submission_docx(review) if kind == "docx" else submission_pdf(review)
    with transaction.atomic():
        audit_record(actor=actor, verb=Verb.DOWNLOADED, target=review,
                     changes={"document": [None, f"Panel submission ({kind.upper()})"]})
    return data
