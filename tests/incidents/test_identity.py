"""The restricted identity register: the business team only, a forbidden page looks missing, every look audited."""

import pytest
from django.urls import reverse

from casereview.audit.models import AuditEvent

from .conftest import ADDRESS, OTHER_NAME, REAL_NAME, record

pytestmark = pytest.mark.django_db


def _views(child):
    return AuditEvent.objects.filter(verb="viewed", target_type="incidents.child", target_id=str(child.pk))


@pytest.mark.parametrize("role, status", [
    ("business_team", 200), ("sysadmin", 200),
    ("chair", 404), ("member", 404), ("scrutineer", 404), ("agency_contributor", 404), ("outsider", 404),
])
def test_register_permissions_for_every_role(demo, signed_in, outsider, role, status):
    """The business team (and the system administrator) open the register; everyone else finds nothing."""
    notification = record(demo)
    client = signed_in(outsider if role == "outsider" else demo[role])
    response = client.get(reverse("incidents:identity", args=[notification.pk]))
    assert response.status_code == status
    assert (REAL_NAME in response.content.decode()) == (status == 200)
    child = notification.children.get()
    assert _views(child).count() == (1 if status == 200 else 0)


def test_register_shows_each_child_and_audits_each_one(demo, signed_in):
    """Each child is shown by pseudonym with its identity, and each open writes one audited read per child."""
    children = [
        {"pseudonym": "Child A", "age_years": 3, "sex": "female", "ethnicity": "White British",
         "legal_status": "child_in_need", "identity": {"full_name": REAL_NAME, "other_names": OTHER_NAME,
                                                        "address": ADDRESS}},
        {"pseudonym": "Child B", "age_years": 6, "sex": "male", "ethnicity": "White British",
         "legal_status": "child_in_need"},
    ]
    notification = record(demo, children=children)
    client = signed_in(demo["business_team"])
    url = reverse("incidents:identity", args=[notification.pk])
    response = client.get(url)
    html = response.content.decode()
    assert "Restricted: do not copy these details into other documents." in html
    assert REAL_NAME in html and OTHER_NAME in html and ADDRESS in html
    assert "No identity has been recorded for Child B." in html
    assert "no-store" in response["Cache-Control"]
    client.get(url)
    for child in notification.children.all():
        events = _views(child)
        assert events.count() == 2
        assert all(e.actor_id == demo["business_team"].pk for e in events)


def test_anonymous_visitor_is_sent_to_sign_in(demo, client):
    """Without signing in the register redirects to the sign-in page and records nothing."""
    notification = record(demo)
    response = client.get(reverse("incidents:identity", args=[notification.pk]))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(target_type="incidents.child").exists()
