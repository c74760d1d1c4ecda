"""Services for partnership records: permission, validation and an audit row for each write."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casereview.audit.models import AuditEvent
from casereview.partnerships import services
from casereview.partnerships.models import AgencyKind, Membership
from tests.conftest import AgencyFactory, GroupFactory, PartnershipFactory, PersonFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_agency_create_records_audit_event(partnership, business_user):
    """Creating an agency saves it and appends one 'created' audit event naming the actor."""
    agency = services.agency_create(actor=business_user, partnership=partnership, name="Northmoor Police",
                                    kind=AgencyKind.POLICE)
    event = AuditEvent.objects.get(target_type="partnerships.agency", target_id=str(agency.pk))
    assert event.verb == "created"
    assert event.actor_id == business_user.pk
    assert event.partnership_id == partnership.pk
    assert event.changes["name"] == [None, "Northmoor Police"]
    assert agency.statutory_partner == "police"


@pytest.mark.parametrize("role", ["chair", "member", "scrutineer"])
def test_non_business_roles_cannot_create_agencies(partnership, role):
    """Only the business team administers records: other roles are refused and nothing is saved."""
    user = user_with_role(partnership, role)
    with pytest.raises(PermissionDenied):
        services.agency_create(actor=user, partnership=partnership, name="X", kind=AgencyKind.OTHER)
    assert not partnership.agencies.exists()
    assert not AuditEvent.objects.exists()


def test_business_team_of_another_partnership_is_refused(partnership):
    """A business team member administers only their own partnership."""
    other_admin = user_with_role(PartnershipFactory(), "business_team")
    with pytest.raises(PermissionDenied):
        services.agency_create(actor=other_admin, partnership=partnership, name="X", kind=AgencyKind.OTHER)


def test_agency_update_records_only_changed_fields(partnership, business_user):
    """An update's audit event lists each changed field with its old and new value, and nothing else."""
    agency = AgencyFactory(partnership=partnership, name="Old name", kind=AgencyKind.OTHER)
    services.agency_update(actor=business_user, agency=agency, name="New name", kind=AgencyKind.OTHER)
    event = AuditEvent.objects.get(verb="updated")
    assert event.changes == {"name": ["Old name", "New name"]}


def test_unchanged_update_writes_no_event(partnership, business_user):
    """Saving without a change records nothing."""
    agency = AgencyFactory(partnership=partnership, name="Same")
    services.agency_update(actor=business_user, agency=agency, name="Same")
    assert not AuditEvent.objects.exists()


def test_duplicate_agency_name_is_a_validation_error(partnership, business_user):
    """Two agencies of one partnership cannot share a name; the error is a field message, not a crash."""
    AgencyFactory(partnership=partnership, name="Northmoor Police")
    with pytest.raises(ValidationError):
        services.agency_create(actor=business_user, partnership=partnership, name="Northmoor Police",
                               kind=AgencyKind.POLICE)


def test_person_must_work_for_an_agency_of_the_same_partnership(partnership, business_user):
    """A person cannot be attached to another partnership's agency."""
    foreign = AgencyFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.person_create(actor=business_user, partnership=partnership, agency=foreign,
                               full_name="A Person", job_title="Nurse")
    assert "agency" in excinfo.value.message_dict


def _membership_args(partnership):
    group = GroupFactory(partnership=partnership)
    person = PersonFactory(agency=AgencyFactory(partnership=partnership))
    return group, person


def test_membership_with_deputy_and_chair(partnership, business_user):
    """A membership records role, statutory partner, chairing and a named deputy."""
    group, person = _membership_args(partnership)
    deputy = PersonFactory(agency=person.agency)
    m = services.membership_create(actor=business_user, group=group, person=person, role_title="Detective Inspector",
                                   start_date=date(2024, 1, 1), represents="police", chair="co_chair", deputy=deputy)
    assert (m.represents, m.chair, m.deputy) == ("police", "co_chair", deputy)
    assert AuditEvent.objects.filter(target_type="partnerships.membership", verb="created").count() == 1


@pytest.mark.parametrize(
    "values, field",
    [
        ({"co_opted": True, "represents": "police"}, "represents"),
        ({"co_opted": True, "chair": "chair"}, "chair"),
        ({"end_date": date(2023, 1, 1)}, "end_date"),
    ],
)
def test_membership_rules_are_refused_with_field_messages(partnership, business_user, values, field):
    """Co-opted members represent no partner and chair nothing; a membership cannot end before it starts."""
    group, person = _membership_args(partnership)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_create(actor=business_user, group=group, person=person, role_title="Adviser",
                                   start_date=date(2024, 1, 1), **values)
    assert field in excinfo.value.message_dict or "__all__" in excinfo.value.message_dict
    assert not Membership.objects.exists()


def test_member_cannot_be_own_deputy(partnership, business_user):
    """Naming the member as their own deputy is refused."""
    group, person = _membership_args(partnership)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_create(actor=business_user, group=group, person=person, role_title="Nurse",
                                   start_date=date(2024, 1, 1), deputy=person)
    assert "deputy" in excinfo.value.message_dict


def test_membership_end_keeps_history(partnership, business_user):
    """Ending a membership sets its end date and records an 'ended' event; the row stays."""
    group, person = _membership_args(partnership)
    m = services.membership_create(actor=business_user, group=group, person=person, role_title="Nurse",
                                   start_date=date(2024, 1, 1))
    services.membership_end(actor=business_user, membership=m, end_date=date(2025, 3, 31))
    m.refresh_from_db()
    assert m.end_date == date(2025, 3, 31)
    assert AuditEvent.objects.filter(verb="ended", target_id=str(m.pk)).get().changes == {
        "end_date": [None, "2025-03-31"]
    }


def test_failed_write_leaves_no_audit_row(partnership, business_user):
    """A refused write rolls back entirely: no record and no audit event."""
    group, person = _membership_args(partnership)
    with pytest.raises(ValidationError):
        services.membership_create(actor=business_user, group=group, person=person, role_title="",
                                   start_date=date(2024, 1, 1))
    assert not AuditEvent.objects.exists()
