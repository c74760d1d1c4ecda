"""Where each record type lives: its query, its trigger date, a safe label and what deleting it removes.

The trigger date is a database expression so that "due for review" is one bounded query per type,
computed on each request from the rules and the records' own dates (never a nightly job).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import DateField, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from casereview.actions.models import Action
from casereview.domain.retention import RecordType
from casereview.incidents.models import Notification
from casereview.learning.models import Review
from casereview.meetings.models import Meeting
from casereview.reviews.models import Attachment


@dataclass(frozen=True)
class Source:
    """One record type's records: `records(partnership)` is annotated with `trigger` (a date)."""

    record_type: RecordType
    records: Callable[[object], QuerySet]
    label: Callable[[object], str]
    roots: Callable[[object], list] | None = None  # what to delete, in order; None: review only
    by_reference: str = ""  # a field the business team knows the record by, besides its number


def _notifications(partnership) -> QuerySet:
    return Notification.objects.filter(partnership=partnership).annotate(
        trigger=Coalesce("rapid_review__closed_on", "received_date", output_field=DateField()))


def _notification_roots(notification) -> list:
    # The rapid review PROTECTs its notification, so it goes first; both in the caller's transaction.
    review = getattr(notification, "rapid_review", None)
    return [review, notification] if review is not None else [notification]


def _reviews(partnership) -> QuerySet:
    return Review.objects.filter(partnership=partnership).annotate(
        trigger=Coalesce("published_on", "completed_on", TruncDate("created_at"), output_field=DateField()))


def _review_label(review) -> str:
    # The reference or the number only: a review's title can carry a pseudonym or a place.
    return f"{review.get_kind_display()} {review.reference or f'number {review.pk}'}"


def _meetings(partnership) -> QuerySet:
    return Meeting.objects.filter(partnership=partnership).select_related("group").annotate(
        trigger=TruncDate("starts_at"))


def _actions(partnership) -> QuerySet:
    return Action.objects.filter(partnership=partnership).annotate(
        trigger=Coalesce("closed_on", "set_on", output_field=DateField()))


def _documents(partnership) -> QuerySet:
    return Attachment.objects.filter(request__partnership=partnership).annotate(trigger=TruncDate("uploaded_at"))


SOURCES: dict[RecordType, Source] = {
    RecordType.NOTIFICATION: Source(RecordType.NOTIFICATION, _notifications, lambda n: f"Notification {n.reference}",
                                    _notification_roots, by_reference="reference"),
    RecordType.PRACTICE_REVIEW: Source(RecordType.PRACTICE_REVIEW, _reviews, _review_label, lambda r: [r],
                                       by_reference="reference"),
    RecordType.MEETING: Source(RecordType.MEETING, _meetings, str, lambda m: [m]),
    RecordType.ACTION: Source(RecordType.ACTION, _actions, lambda a: f"Action number {a.pk}"),
    RecordType.DOCUMENT: Source(RecordType.DOCUMENT, _documents, lambda d: f"Agency return attachment number {d.pk}"),
}


def source_for(record_type: str) -> Source | None:
    """The source of a record type given as text (from a URL or a form), or None."""
    try:
        return SOURCES[RecordType(record_type)]
    except ValueError:
        return None


def record_find(partnership, record_type: str, text: str):
    """The partnership's record of the type known by `text` (its number, or its reference), or None."""
    source = source_for(record_type)
    text = (text or "").strip()
    if source is None or not text:
        return None
    records = source.records(partnership)
    if text.isdigit():
        found = records.filter(pk=int(text)).first()
        if found is not None:
            return found
    if source.by_reference:
        return records.filter(**{f"{source.by_reference}__iexact": text}).order_by("pk").first()
    return None
