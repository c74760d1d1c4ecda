"""Writes to partnership records. Each checks permission, validates, saves and audits in one transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from casereview.audit.services import audit_record, diff_fields, snapshot
from casereview.audit.vocabulary import Verb

from .access import require_administer
from .models import Access, Agency, Group, Membership, Partnership, Person

AGENCY_FIELDS = ["name", "kind"]
PERSON_FIELDS = ["agency", "full_name", "job_title", "email", "user"]
GROUP_FIELDS = ["name", "kind"]
MEMBERSHIP_FIELDS = [
    "person", "role_title", "role_key", "represents", "chair", "deputy",
    "co_opted", "co_opted_for", "start_date", "end_date",
]  # fmt: skip


def _create(actor, instance, fields: list[str]):
    instance.full_clean()
    instance.save()
    changes = {name: [None, str(getattr(instance, name))] for name in fields}
    audit_record(actor=actor, verb=Verb.CREATED, target=instance, changes=changes)
    return instance


def _update(actor, instance, fields: list[str], values: dict, validate=None):
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"Cannot update {', '.join(sorted(unknown))}.")
    before = snapshot(instance, fields)
    for name, value in values.items():
        setattr(instance, name, value)
    if validate is not None:
        validate(instance)
    instance.full_clean()
    changes = diff_fields(instance, before, fields)
    if changes:
        instance.save()
        audit_record(actor=actor, verb=Verb.UPDATED, target=instance, changes=changes)
    return instance


@transaction.atomic
def partnership_create(*, actor, name: str, short_name: str = "", local_authority_area: str = "") -> Partnership:
    """Create a partnership; only a system administrator may."""
    if not actor.is_superuser:
        raise PermissionDenied("Only a system administrator can create a partnership.")
    partnership = Partnership(name=name, short_name=short_name, local_authority_area=local_authority_area)
    return _create(actor, partnership, ["name", "short_name", "local_authority_area"])


@transaction.atomic
def agency_create(*, actor, partnership: Partnership, name: str, kind: str) -> Agency:
    """Add an agency to the partnership."""
    require_administer(actor, partnership)
    return _create(actor, Agency(partnership=partnership, name=name, kind=kind), AGENCY_FIELDS)


@transaction.atomic
def agency_update(*, actor, agency: Agency, **values) -> Agency:
    """Change an agency's name or kind."""
    require_administer(actor, agency.partnership)
    return _update(actor, agency, AGENCY_FIELDS, values)


def _check_same_partnership(partnership, **records) -> None:
    errors = {
        name: "Choose one from this partnership."
        for name, record in records.items()
        if record is not None and record.partnership_id != partnership.pk
    }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def person_create(*, actor, partnership: Partnership, agency: Agency, full_name: str, job_title: str,
                  email: str = "", user=None) -> Person:
    """Add a person, who works for one of the partnership's agencies."""
    require_administer(actor, partnership)
    _check_same_partnership(partnership, agency=agency)
    person = Person(partnership=partnership, agency=agency, full_name=full_name, job_title=job_title,
                    email=email, user=user)
    return _create(actor, person, PERSON_FIELDS)


@transaction.atomic
def person_update(*, actor, person: Person, **values) -> Person:
    """Change a person's agency, name, job title or e-mail."""
    require_administer(actor, person.partnership)
    _check_same_partnership(person.partnership, agency=values.get("agency"))
    return _update(actor, person, PERSON_FIELDS, values)


@transaction.atomic
def group_create(*, actor, partnership: Partnership, name: str, kind: str, slug: str = "") -> Group:
    """Add a group (a subgroup or a rapid review group) to the partnership."""
    require_administer(actor, partnership)
    slug = slug or slugify(name)[:80]
    if Group.objects.filter(partnership=partnership, slug=slug).exists():
        raise ValidationError({"name": "A group with this name already exists in the partnership."})
    return _create(actor, Group(partnership=partnership, name=name, kind=kind, slug=slug), GROUP_FIELDS)


@transaction.atomic
def group_update(*, actor, group: Group, **values) -> Group:
    """Rename a group or change its kind."""
    require_administer(actor, group.partnership)
    return _update(actor, group, GROUP_FIELDS, values)


def _validate_membership(membership: Membership) -> None:
    _check_same_partnership(membership.partnership, person=membership.person, deputy=membership.deputy)
    errors = {}
    if membership.deputy_id and membership.deputy_id == membership.person_id:
        errors["deputy"] = "A member cannot be their own deputy."
    if membership.co_opted and membership.represents:
        errors["represents"] = "A co-opted member does not represent a statutory partner."
    if membership.co_opted and membership.chair:
        errors["chair"] = "A co-opted member cannot chair the group."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def membership_create(*, actor, group: Group, person: Person, role_title: str, start_date: date,
                      **values) -> Membership:
    """Give a person a seat on a group."""
    require_administer(actor, group.partnership)
    membership = Membership(partnership=group.partnership, group=group, person=person, role_title=role_title,
                            start_date=start_date, **values)
    _validate_membership(membership)
    return _create(actor, membership, MEMBERSHIP_FIELDS)


@transaction.atomic
def membership_update(*, actor, membership: Membership, **values) -> Membership:
    """Change a membership's role, representation, chairing, deputy or dates."""
    require_administer(actor, membership.partnership)
    return _update(actor, membership, MEMBERSHIP_FIELDS, values, validate=_validate_membership)


@transaction.atomic
def membership_end(*, actor, membership: Membership, end_date: date) -> Membership:
    """End a membership on a date; the seat stays in the history."""
    require_administer(actor, membership.partnership)
    if end_date < membership.start_date:
        raise ValidationError({"end_date": "The end date must be on or after the start date."})
    before = snapshot(membership, ["end_date"])
    membership.end_date = end_date
    membership.save(update_fields=["end_date"])
    audit_record(actor=actor, verb=Verb.ENDED, target=membership,
                 changes=diff_fields(membership, before, ["end_date"]))
    return membership


@transaction.atomic
def access_grant(*, actor, user, partnership: Partnership, role: str, agency: Agency | None = None) -> Access:
    """Give a user a role in a partnership."""
    require_administer(actor, partnership)
    _check_same_partnership(partnership, agency=agency)
    access = Access(user=user, partnership=partnership, role=role, agency=agency)
    access.full_clean()
    access.save()
    audit_record(actor=actor, verb=Verb.ROLE_GRANTED, target=access, partnership=partnership,
                 changes={"user": [None, user.get_username()], "role": [None, role]})
    return access


@transaction.atomic
def access_revoke(*, actor, access: Access) -> None:
    """Take a role away from a user."""
    require_administer(actor, access.partnership)
    audit_record(actor=actor, verb=Verb.ROLE_REVOKED, target=access, partnership=access.partnership,
                 changes={"user": [access.user.get_username(), None], "role": [access.role, None]})
    access.delete()
