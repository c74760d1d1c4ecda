"""Recording a serious incident notification: its children, their identities, and its rapid review."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.notifications import (
    MAX_CHILDREN_IN_MAIN_LIST,
    ChildFacts,
    date_errors,
    ofsted_and_secretary_of_state,
)
from casereview.partnerships.access import can_administer, require_administer
from casereview.partnerships.selectors import membership_list
from casereview.web.mail import notice_send

from .models import Child, HarmType, IdentityRecord, Notification

NOTIFICATION_FIELDS = (
    "reference", "local_authority", "incident_date", "la_aware_date", "sin_submitted_date", "received_date",
    "nature", "harm_types", "summary", "further_information", "cross_border_partnership",
)  # fmt: skip
CHILD_FIELDS = ("in_main_list", "pseudonym", "unborn", "age_years", "sex", "ethnicity", "religion",
                "first_language", "disability", "legal_status")
IDENTITY_FIELDS = ("full_name", "other_names", "date_of_birth", "address")


@transaction.atomic
def notification_record(*, actor, group, notification: dict, children: Sequence[dict]):
    """Record a notification and open its rapid review, then tell the group's members (on commit).

    `children` are dicts of CHILD_FIELDS plus an optional "identity" dict of IDENTITY_FIELDS, which goes
    only into the restricted identity register. Nothing is saved if anything is invalid.
    """
    from casereview.reviews.services import rapid_review_open

    partnership = group.partnership
    require_administer(actor, partnership)
    _validate(partnership, notification, children)
    facts = [ChildFacts(c.get("age_years"), bool(c.get("unborn")), c["legal_status"]) for c in children]
    extra = ofsted_and_secretary_of_state(notification["nature"], facts)
    record = Notification(partnership=partnership, group=group, created_by=actor, ofsted_sos_required=extra.required,
                          **{k: notification.get(k, "") for k in NOTIFICATION_FIELDS})
    record.full_clean()
    record.save()
    for position, child in enumerate(children, start=1):
        _child_create(record, position, child)
    audit_record(actor=actor, verb=Verb.CREATED, target=record, changes={
        "reference": [None, record.reference], "children": [None, len(children)],
        "ofsted_sos_required": [None, extra.required],
    })
    review = rapid_review_open(actor=actor, notification=record)
    transaction.on_commit(lambda: _tell_members(group, review))
    return record


def _validate(partnership, notification: dict, children: Sequence[dict]) -> None:
    errors: dict[str, str] = date_errors(notification, timezone.localdate())
    if Notification.objects.filter(partnership=partnership, reference=notification.get("reference")).exists():
        errors["reference"] = "A notification with this reference has already been recorded"
    unknown = set(notification.get("harm_types") or []) - set(HarmType.values)
    if unknown:
        errors["harm_types"] = "Choose harm types from the list"
    if not children:
        errors["children"] = "Add at least one child"
    if sum(1 for c in children if c.get("in_main_list", True)) > MAX_CHILDREN_IN_MAIN_LIST:
        errors["children"] = (f"The main list holds up to {MAX_CHILDREN_IN_MAIN_LIST} children; "
                              "record any others under further information")
    if errors:
        raise ValidationError(errors)


def _child_create(notification, position: int, data: dict) -> Child:
    child = Child(partnership=notification.partnership, notification=notification, position=position,
                  **{k: data[k] for k in CHILD_FIELDS if k in data})
    if child.unborn:
        child.age_years = None
    child.full_clean()
    child.save()
    identity = data.get("identity") or {}
    if any(identity.get(k) for k in IDENTITY_FIELDS):
        record = IdentityRecord(partnership=notification.partnership, child=child,
                                **{k: identity.get(k) or ("" if k != "date_of_birth" else None)
                                   for k in IDENTITY_FIELDS})
        record.full_clean()
        record.save()
    return child


def _tell_members(group, review) -> None:
    """E-mail current members that a review has opened: what is due and a link, no child's details."""
    recipients = [m.person.email for m in membership_list(group) if m.person.email]
    link = f"{settings.SITE_URL}{reverse('reviews:detail', args=[review.pk])}"
    notice_send(
        subject=f"Rapid review opened: {review.notification.reference}",
        message=(f"A serious incident notification has been received and the {group.name} rapid review has "
                 f"opened.\n\nReference: {review.notification.reference}\nDue: {review.due_date:%A %d %B %Y}"
                 f"\n\nSign in to see it: {link}\n"),
        recipients=recipients, about=f"the opening of review {review.pk}",
    )


@transaction.atomic
def identity_view(*, actor, child) -> IdentityRecord | None:
    """Return a child's identity record for a permitted user, recording the read in the audit trail."""
    if not can_administer(actor, child.partnership):
        raise PermissionDenied("Only the business team can open the identity register.")
    record = IdentityRecord.objects.filter(child=child).first()
    audit_record(actor=actor, verb=Verb.VIEWED, target=child, partnership=child.partnership,
                 changes={"identity_register": [None, "opened"]})
    return record
