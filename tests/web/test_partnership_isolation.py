"""A user of one partnership never sees another partnership's records, on pages or through the API."""

from datetime import date

import pytest
from django.urls import reverse

from casereview.accounts.models import User
from casereview.partnerships.demo import USERS, load_demo
from casereview.partnerships.models import AgencyKind, Person
from tests.conftest import AgencyFactory, GroupFactory, MembershipFactory, PartnershipFactory, sign_in

pytestmark = pytest.mark.django_db
SECRET_NAME = "Zebedee Otherside"


@pytest.fixture
def other():
    """A second partnership with an agency, a person, a group and a membership of its own."""
    partnership = PartnershipFactory(name="Elsewhere Safeguarding Children Partnership")
    agency = AgencyFactory(partnership=partnership, name="Elsewhere Police", kind=AgencyKind.POLICE)
    group = GroupFactory(partnership=partnership, name="Elsewhere Rapid Review Group")
    membership = MembershipFactory(group=group, person__agency=agency, person__full_name=SECRET_NAME,
                                   start_date=date(2024, 1, 1))
    return {"partnership": partnership, "agency": agency, "group": group, "membership": membership,
            "person": membership.person}


@pytest.mark.parametrize("username", [u[0] for u in USERS])
def test_pages_never_show_another_partnerships_records(client, other, username):
    """Lists omit the other partnership's records and their detail pages answer 404, as if missing."""
    load_demo()
    sign_in(client, User.objects.get(username=username))
    for name in ["partnerships:agency_list", "partnerships:person_list", "web:dashboard"]:
        body = client.get(reverse(name)).content.decode()
        assert SECRET_NAME not in body and "Elsewhere" not in body
    for name, pk in [("partnerships:agency_detail", other["agency"].pk), ("partnerships:person_detail",
                     other["person"].pk), ("partnerships:group_detail", other["group"].pk),
                     ("partnerships:terms_overview", other["group"].pk),
                     ("partnerships:membership_edit", other["membership"].pk)]:
        assert client.get(reverse(name, args=[pk])).status_code in {403, 404}, name


@pytest.mark.parametrize("username", [u[0] for u in USERS])
def test_api_never_returns_another_partnerships_records(client, other, username):
    """API lists omit the other partnership's records and their detail URLs answer 404."""
    load_demo()
    sign_in(client, User.objects.get(username=username))
    for resource in ["agencies", "people", "groups", "memberships", "partnerships"]:
        body = client.get(f"/api/v1/{resource}/").content.decode()
        assert SECRET_NAME not in body and "Elsewhere" not in body
    for resource, pk in [("agencies", other["agency"].pk), ("people", other["person"].pk),
                         ("groups", other["group"].pk), ("partnerships", other["partnership"].pk)]:
        assert client.get(f"/api/v1/{resource}/{pk}/").status_code == 404


def test_business_team_cannot_write_into_another_partnership(client, other):
    """Posting a new person against another partnership's agency is refused with a field message."""
    load_demo()
    sign_in(client, User.objects.get(username="business.manager"))
    response = client.post(reverse("partnerships:person_create"), {
        "agency": other["agency"].pk, "full_name": "Intruder", "job_title": "None"})
    assert response.status_code == 400
    assert not Person.objects.filter(full_name="Intruder").exists()
