"""Reviews that feed learning beside the partnership's own practice reviews: national reviews and Panel
reports, safeguarding adult reviews and domestic abuse related death reviews (DOMAIN.md §7), single-agency
reviews and audits; and the links between any two reviews (joint, parallel, related), shown on both.
Business team only; each write audited. Such a review is open while the partnership works with its learning
and completed when done (OTHER_REVIEW)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from casereview.audit.services import audit_record, diff_fields, snapshot
from casereview.audit.vocabulary import Verb
from casereview.domain.practice_reviews import OtherReviewStatus

from .access import require_manage_learning
from .models import Review, ReviewKind, ReviewLink

ADULT = ["commissioning_body", "legal_basis", "criteria_basis", "lead_body", "joint_chair", "family_contact",
         "criminal_proceedings", "coroner", "publication_decision", "annual_report_inclusion"]
FIELDS = {
    ReviewKind.NATIONAL: ["title", "reference", "source_body", "published_on", "summary", "year"],
    ReviewKind.SAR: ["title", "reference", *ADULT, "published_on", "summary", "year"],
    ReviewKind.DARR: ["title", "reference", *ADULT, "published_on", "summary", "year"],
    ReviewKind.SINGLE_AGENCY: ["title", "reference", "agency", "summary", "year"],
    ReviewKind.AUDIT: ["title", "reference", "scope", "summary", "year"],
}
REQUIRED = {
    "title": "Enter a title, using pseudonyms only",
    "source_body": "Enter who published it, for example the Child Safeguarding Practice Review Panel",
    "published_on": "Enter the date it was published",
    "commissioning_body": "Enter the body that commissioned it, for example the Safeguarding Adults Board",
    "agency": "Choose the agency whose review it is",
    "scope": "Enter what the audit looked at",
}
REQUIRED_BY_KIND = {
    ReviewKind.NATIONAL: ["title", "source_body", "published_on"],
    ReviewKind.SAR: ["title", "commissioning_body"],
    ReviewKind.DARR: ["title", "commissioning_body"],
    ReviewKind.SINGLE_AGENCY: ["title", "agency"],
    ReviewKind.AUDIT: ["title", "scope"],
}
OTHER_KINDS = list(FIELDS)
CRITERIA_BASIS = {"", "mandatory", "discretionary"}
YEARS = (1990, 2100)
LINK_KINDS = {"joint", "parallel", "related"}


def _values(kind, data: dict) -> dict:
    values = {}
    for name in FIELDS[kind]:
        value = data.get(name)
        values[name] = value.strip() if isinstance(value, str) else value
        if value is None and name not in ("published_on", "agency", "year"):
            values[name] = ""
    return values


def _errors(partnership, kind, values: dict) -> dict:
    errors = {name: REQUIRED[name] for name in REQUIRED_BY_KIND[kind] if values.get(name) in (None, "")}
    published = values.get("published_on")
    if isinstance(published, date) and published > timezone.localdate():
        errors["published_on"] = "The date it was published cannot be in the future"
    if values.get("criteria_basis", "") not in CRITERIA_BASIS:
        errors["criteria_basis"] = "Choose mandatory or discretionary, or leave it blank"
    agency = values.get("agency")
    if agency is not None and agency.partnership_id != partnership.pk:
        errors["agency"] = "Choose one of the partnership's agencies"
    year = values.get("year")
    if year is not None and not (isinstance(year, int) and YEARS[0] <= year <= YEARS[1]):
        errors["year"] = f"Enter a year between {YEARS[0]} and {YEARS[1]}, like 2025"
    return errors


def _default_year(values: dict) -> None:
    if values.get("year") is None:
        published = values.get("published_on")
        values["year"] = published.year if isinstance(published, date) else timezone.localdate().year


@transaction.atomic
def other_review_create(*, actor, partnership, kind: str, **data) -> Review:
    """Record a review that feeds learning, with its kind's fields; its year defaults to the year published
    (or this year)."""
    require_manage_learning(actor, partnership)
    if kind not in OTHER_KINDS:
        raise ValidationError({"kind": ["Choose the kind of review"]})
    kind = ReviewKind(kind)
    values = _values(kind, data)
    errors = _errors(partnership, kind, values)
    if errors:
        raise ValidationError(errors)
    _default_year(values)
    review = Review.objects.create(partnership=partnership, kind=kind, status=OtherReviewStatus.OPEN.value,
                                   created_by=actor, **values)
    audit_record(actor=actor, verb=Verb.CREATED, target=review, partnership=partnership, changes={
        "kind": [None, kind.value], "status": [None, review.status], "title": [None, review.title],
        **{name: [None, _text(values[name])] for name in FIELDS[kind] if values[name] not in (None, "")}})
    return review


def _text(value):
    if isinstance(value, date):
        return value.isoformat()
    return value if isinstance(value, (int, str)) or value is None else str(value)


@transaction.atomic
def other_review_update(*, actor, review, **data) -> Review:
    """Change the record of a review that feeds learning (any of its kind's fields)."""
    require_manage_learning(actor, review.partnership)
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.kind not in OTHER_KINDS:
        raise ValidationError({"__all__": ["Change a practice review with its own form"]})
    kind = ReviewKind(locked.kind)
    names = FIELDS[kind]
    values = _values(kind, {name: data.get(name, getattr(locked, name)) for name in names})
    errors = _errors(locked.partnership, kind, values)
    if errors:
        raise ValidationError(errors)
    _default_year(values)
    before = snapshot(locked, names)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save()
    changes = diff_fields(locked, before, names)
    if changes:
        audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership, changes=changes)
    return locked


def linked_review_ids(review) -> set[int]:
    """The reviews already linked to this one, in either direction."""
    pairs = ReviewLink.objects.filter(Q(from_review=review) | Q(to_review=review)).values_list(
        "from_review_id", "to_review_id")
    return {a if b == review.pk else b for a, b in pairs}


@transaction.atomic
def review_link_add(*, actor, review, other, kind: str, note: str = "") -> ReviewLink:
    """Link two reviews of the same partnership (joint, parallel or related); never a review to itself, and
    each pair once whichever way round."""
    require_manage_learning(actor, review.partnership)
    Review.objects.select_for_update().filter(pk=review.pk).first()
    errors = {}
    if kind not in LINK_KINDS:
        errors["kind"] = "Choose whether the reviews are joint, parallel or related"
    if other is None:
        errors["other"] = "Choose the review to link"
    elif other.pk == review.pk:
        errors["other"] = "A review cannot be linked to itself"
    elif other.partnership_id != review.partnership_id:
        errors["other"] = "Choose one of the partnership's own reviews"
    elif other.pk in linked_review_ids(review):
        errors["other"] = f"“{other.title}” is already linked to this review"
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            link = ReviewLink.objects.create(from_review=review, to_review=other, kind=kind,
                                             note=(note or "").strip())
    except IntegrityError as exc:  # a link made at the same moment by someone else
        raise ValidationError({"other": [f"“{other.title}” is already linked to this review"]}) from exc
    audit_record(actor=actor, verb=Verb.CREATED, target=link, partnership=review.partnership, changes={
        "from_review": [None, review.pk], "to_review": [None, other.pk], "kind": [None, kind]})
    return link


@transaction.atomic
def review_link_remove(*, actor, review, link) -> None:
    """Remove a link between two reviews (from either review's page)."""
    require_manage_learning(actor, review.partnership)
    if review.pk not in (link.from_review_id, link.to_review_id):
        raise ValidationError({"__all__": ["That link is not on this review"]})
    audit_record(actor=actor, verb=Verb.DELETED, target=link, partnership=review.partnership, changes={
        "from_review": [link.from_review_id, None], "to_review": [link.to_review_id, None],
        "kind": [link.kind, None]})
    link.delete()
