"""Asking agencies for their involvement, chasing them, and taking their returns through the secure form.

E-mails carry the review's reference, the due date and a link, never a child's details: the detail is behind
sign-in, where every read is audited.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from casereview.audit.services import audit_read, audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.lifecycle import RapidReviewStatus, TransitionError, check_request_transition
from casereview.partnerships.access import require_administer
from casereview.partnerships.models import Access, Role
from casereview.partnerships.selectors import membership_list
from casereview.web.mail import notice_send

from . import requests_selectors as selectors
from .models import AgencyRequest, AgencyReturn, Attachment, RapidReview, RequestStatus
from .services import _transition
from .uploads import attachment_store, check_uploads

TEXT_FIELDS = ("key_contacts", "practice_episodes", "went_well", "concerns", "immediate_actions",
               "identity_considerations")
MAX_CHRONOLOGY = 20
# A second press of "Remind" within this window is the same reminder, not another e-mail.
REMIND_AGAIN_AFTER = timedelta(minutes=5)


@transaction.atomic
def agency_requests_send(*, actor, review, agencies, due_date: date | None = None) -> list[AgencyRequest]:
    """Ask each chosen agency for its involvement; agencies already asked are skipped without error.

    The first requests move a notified review to gathering. Each agency's contributors, and its people who
    sit on the group, are e-mailed once the requests are committed.
    """
    require_administer(actor, review.partnership)
    review = RapidReview.objects.select_for_update(of=("self",)).select_related(
        "group", "partnership", "notification").get(pk=review.pk)
    if review.status in selectors.CLOSED_TO_RETURNS:
        raise ValidationError({"__all__": ["The review has closed: agencies can no longer be asked"]})
    allowed = {option.agency.pk for option in selectors.agency_options(review)}
    if not agencies:
        raise ValidationError({"agencies": ["Select at least one agency"]})
    if any(agency.pk not in allowed for agency in agencies):
        raise ValidationError({"agencies": ["Select agencies of the partnership or of the group's co-opted members"]})
    due = _due_date(review, due_date)
    asked = set(review.agency_requests.values_list("agency_id", flat=True))
    chosen = {agency.pk: agency for agency in agencies if agency.pk not in asked}
    created = [_request_create(actor, review, agency, due) for agency in chosen.values()]
    if created and review.status == RapidReviewStatus.NOTIFIED:
        _transition(actor, review, RapidReviewStatus.GATHERING, "")
    for agency_request in created:
        transaction.on_commit(partial(_send, *_request_mail(agency_request, reminder=False)))
    return created


def _due_date(review, due_date: date | None) -> date:
    if due_date is None:
        return selectors.returns_due_date(review)
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": ["The due date must be today or in the future"]})
    return due_date


def _request_create(actor, review, agency, due: date) -> AgencyRequest:
    agency_request = AgencyRequest.objects.create(partnership=review.partnership, rapid_review=review, agency=agency,
                                                  due_date=due)
    audit_record(actor=actor, verb=Verb.CREATED, target=agency_request, changes={
        "agency": [None, agency.name], "due_date": [None, due.isoformat()],
    })
    return agency_request


def _next_status(agency_request: AgencyRequest, to: str) -> str:
    """The request's new status, as the domain's request lifecycle table allows (else a form error)."""
    try:
        return check_request_transition(agency_request.status, to).value
    except TransitionError as exc:
        raise ValidationError({"__all__": [str(exc)]}) from exc


@transaction.atomic
def agency_request_remind(*, actor, request: AgencyRequest) -> AgencyRequest:
    """Chase an agency that has not returned: count the reminder, mark the request reminded, e-mail again."""
    require_administer(actor, request.partnership)
    locked = AgencyRequest.objects.select_for_update(of=("self",)).select_related(
        "rapid_review__notification", "rapid_review__group", "agency", "partnership").get(pk=request.pk)
    if locked.rapid_review.status in selectors.CLOSED_TO_RETURNS:
        raise ValidationError({"__all__": ["The review has closed: agencies can no longer be reminded"]})
    if locked.status in selectors.RETURNED:
        raise ValidationError({"__all__": [f"{locked.agency} has already returned its summary"]})
    if locked.reminded_at and timezone.now() - locked.reminded_at < REMIND_AGAIN_AFTER:
        return locked  # a double click: the reminder has just gone
    before = (locked.status, locked.reminders_sent)
    new_status = _next_status(locked, RequestStatus.REMINDED)
    AgencyRequest.objects.filter(pk=locked.pk).update(
        status=new_status, reminders_sent=F("reminders_sent") + 1, reminded_at=timezone.now())
    locked.refresh_from_db()
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, changes={
        "status": [before[0], locked.status], "reminders_sent": [before[1], locked.reminders_sent],
    })
    transaction.on_commit(partial(_send, *_request_mail(locked, reminder=True)))
    return locked


@transaction.atomic
def agency_return_submit(*, actor, request: AgencyRequest, data: dict, files, nil_return: bool = False) -> AgencyReturn:
    """Save an agency's return with its chronology and attachments; nothing is saved if anything is wrong.

    A nil return needs only `nil_explanation`, kept as the return's concerns. Refused once the review is
    submitted, closed or withdrawn, and on a second submission.
    """
    locked = AgencyRequest.objects.select_for_update(of=("self",)).select_related(
        "rapid_review", "partnership", "agency").get(pk=request.pk)
    if not selectors.can_submit_return(actor, locked):
        raise PermissionDenied("Only the business team or the agency asked can submit this return.")
    reason = selectors.returns_closed_reason(locked)
    if reason:
        raise ValidationError({"__all__": [reason]})
    today = timezone.localdate()
    fields, errors = _nil_fields(data) if nil_return else _return_fields(data, today)
    uploads, upload_errors = check_uploads(files)
    if upload_errors:
        errors["attachments"] = upload_errors
    if errors:
        raise ValidationError(errors)
    status = _next_status(locked, RequestStatus.NIL_RETURN if nil_return else RequestStatus.RETURNED)
    agency_return = AgencyReturn.objects.create(request=locked, nil_return=nil_return, submitted_by=actor, **fields)
    stored = [attachment_store(agency_request=locked, upload=u, actor=actor) for u in uploads]
    AgencyRequest.objects.filter(pk=locked.pk).update(status=status)
    # The return's text is case material: the audit row says what happened, not what was written.
    audit_record(actor=actor, verb=Verb.CREATED, target=agency_return, partnership=locked.partnership, changes={
        "request_status": [locked.status, status], "nil_return": [None, nil_return],
        "chronology_entries": [None, len(fields.get("chronology", []))],
        "attachments_sha256": [None, [a.sha256 for a in stored]],
    })
    return agency_return


def _nil_fields(data: dict) -> tuple[dict, dict]:
    explanation = (data.get("nil_explanation") or "").strip()
    if not explanation:
        return {}, {"nil_explanation": ["Explain briefly why your agency had no involvement"]}
    return {"concerns": explanation}, {}


def _return_fields(data: dict, today: date) -> tuple[dict, dict]:
    fields = {name: (data.get(name) or "").strip() for name in TEXT_FIELDS}
    start, end = data.get("involved_from"), data.get("involved_to")
    errors = _period_errors(start, end, today)
    if not fields["practice_episodes"]:
        errors["practice_episodes"] = ["Describe the key practice episodes, or choose a nil return"]
    rows, row_errors = _chronology(data.get("chronology") or [], today)
    if row_errors:
        errors["chronology"] = row_errors
    return {**fields, "involved_from": start, "involved_to": end, "chronology": rows}, errors


def _period_errors(start: date | None, end: date | None, today: date) -> dict:
    errors = {}
    if start is None:
        errors["involved_from"] = ["Enter the date your agency's involvement began"]
    elif start > today:
        errors["involved_from"] = ["The date your agency's involvement began must be today or in the past"]
    if end is not None and end > today:
        errors["involved_to"] = ["The date your agency's involvement ended must be today or in the past"]
    elif end is not None and start is not None and end < start:
        errors["involved_to"] = ["The date involvement ended must be the same as or after the date it began"]
    return errors


def _chronology(rows: list[dict], today: date) -> tuple[list[dict], list[str]]:
    """Keep the rows that say something, as {"date": ISO date, "event": text} in date order."""
    kept, errors = [], []
    filled = [r for r in rows if r.get("date") or (r.get("event") or "").strip()]
    if len(filled) > MAX_CHRONOLOGY:
        return [], [f"Add up to {MAX_CHRONOLOGY} chronology entries; attach a longer chronology as a file"]
    for number, row in enumerate(filled, start=1):
        when, event = _as_date(row.get("date")), (row.get("event") or "").strip()
        if when is None:
            errors.append(f"Chronology entry {number}: enter a real date")
        elif when > today:
            errors.append(f"Chronology entry {number}: the date must be today or in the past")
        if not event:
            errors.append(f"Chronology entry {number}: enter what happened")
        if when is not None and event:
            kept.append({"date": when.isoformat(), "event": event})
    return sorted(kept, key=lambda r: r["date"]), errors


def _as_date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _request_mail(agency_request: AgencyRequest, *, reminder: bool) -> tuple[str, str, list[str]]:
    """Subject, body and recipients: the agency's contributors and its people on the group."""
    review, agency = agency_request.rapid_review, agency_request.agency
    link = f"{settings.SITE_URL}{reverse('reviews:request_detail', args=[agency_request.pk])}"
    reference = review.notification.reference
    opening = (f"This is reminder {agency_request.reminders_sent}: the {review.group.name} is still waiting for "
               if reminder else f"The {review.group.name} has started a rapid review and asks for ")
    body = (f"{opening}{agency}'s summary of its involvement with the child and family.\n\n"
            f"Reference: {reference}\nReturn it by: {format_date(agency_request.due_date)}\n\n"
            f"Sign in to read the request and send your return through the secure form: {link}\n\n"
            "Do not reply to this e-mail with case details.\n")
    subject = f"{'Reminder: ' if reminder else ''}Request for information, rapid review {reference}"
    return subject, body, _recipients(agency_request)


def _recipients(agency_request: AgencyRequest) -> list[str]:
    contributors = Access.objects.filter(
        partnership=agency_request.partnership, role=Role.AGENCY_CONTRIBUTOR, agency=agency_request.agency,
        user__is_active=True,
    ).values_list("user__email", flat=True)
    on_group = [seat.person.email for seat in membership_list(agency_request.rapid_review.group)
                if seat.person.agency_id == agency_request.agency_id]
    return sorted({email for email in [*contributors, *on_group] if email})


def _send(subject: str, body: str, recipients: list[str]) -> None:
    notice_send(subject=subject, message=body, recipients=recipients, about=subject)


def agency_return_view(*, actor, agency_return: AgencyReturn) -> None:
    """Record that a user read an agency's return (case material)."""
    audit_read(actor=actor, target=agency_return, partnership=agency_return.request.partnership)


@transaction.atomic
def attachment_replace(*, actor, attachment, file) -> Attachment:
    """Store a new version of an attachment to a return, while the review still takes returns.

    The same checks as any attachment (type from the content, size). The earlier version keeps its file and
    stays downloadable by whoever could download it; only the current version can be replaced."""
    locked = AgencyRequest.objects.select_for_update(of=("self",)).select_related(
        "rapid_review", "partnership").get(pk=attachment.request_id)
    if not selectors.can_submit_return(actor, locked):
        raise PermissionDenied("Only the business team or the agency asked can replace this attachment.")
    if locked.rapid_review.status in selectors.CLOSED_TO_RETURNS:
        raise ValidationError({"__all__": [selectors.ATTACHMENTS_FIXED]})
    previous = Attachment.objects.select_for_update().get(pk=attachment.pk)
    newer = Attachment.objects.filter(replaces=previous).values_list("version", flat=True).first()
    if newer is not None:
        raise ValidationError({"__all__": [f"Version {previous.version} of {previous.original_name} has already "
                                           f"been replaced by version {newer}: replace the current one"]})
    uploads, problems = check_uploads([file] if file else [])
    if problems or not uploads:
        raise ValidationError({"file": problems or ["Choose the new version's file"]})
    stored = attachment_store(agency_request=locked, upload=uploads[0], actor=actor, replaces=previous)
    audit_record(actor=actor, verb=Verb.CREATED, target=stored, partnership=locked.partnership, changes={
        "version": [previous.version, stored.version], "file": [previous.original_name, stored.original_name],
        "content_type": [previous.content_type, stored.content_type], "sha256": [previous.sha256, stored.sha256],
    })
    return stored


def attachment_open(*, actor, attachment):
    """Open an attachment's file for a user who may see its request, recording the download.

    Raises FileNotFoundError if the stored file is missing (the view answers 404).
    """
    if not selectors.can_see_request(actor, attachment.request):
        raise PermissionDenied("You cannot see this attachment.")
    handle = attachment.file.storage.open(attachment.file.name, "rb")
    try:
        audit_read(actor=actor, target=attachment, verb=Verb.DOWNLOADED, partnership=attachment.request.partnership)
    except Exception:
        handle.close()
        raise
    return handle
