"""The notification list and page: who may read them, what they show, and that real names never appear."""

from datetime import date

import pytest
from django.urls import reverse

from casereview.audit.models import AuditEvent

from .conftest import ADDRESS, OTHER_NAME, REAL_NAME, record

pytestmark = pytest.mark.django_db
READERS = ["business_team", "chair", "member", "scrutineer", "sysadmin"]


@pytest.mark.parametrize("role", READERS)
def test_readers_see_the_notification_without_real_names(demo, signed_in, role):
    """Those who read case material see the notification and its children by pseudonym, never the real name."""
    notification = record(demo)
    client = signed_in(demo[role])
    for url in (reverse("incidents:detail", args=[notification.pk]), reverse("incidents:list"),
                reverse("reviews:detail", args=[notification.rapid_review.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "SIN-2025-041" in html
        assert REAL_NAME not in html and OTHER_NAME not in html and ADDRESS not in html


@pytest.mark.parametrize("role", ["agency_contributor", "outsider"])
def test_contributor_and_other_partnership_get_404(demo, signed_in, outsider, role):
    """An agency contributor, and the business team of another partnership, find no such notification."""
    notification = record(demo)
    client = signed_in(outsider if role == "outsider" else demo[role])
    assert client.get(reverse("incidents:detail", args=[notification.pk])).status_code == 404


def test_contributor_cannot_list_notifications(demo, signed_in):
    """The list is for roles that read case material; an agency contributor is refused."""
    record(demo)
    assert signed_in(demo["agency_contributor"]).get(reverse("incidents:list")).status_code == 403


def test_identity_link_only_for_the_business_team(demo, signed_in):
    """Only the business team is offered the link to the identity register."""
    notification = record(demo)
    url = reverse("incidents:detail", args=[notification.pk])
    link = reverse("incidents:identity", args=[notification.pk])
    assert "Open the identity register" in signed_in(demo["business_team"]).get(url).content.decode()
    html = signed_in(demo["chair"]).get(url).content.decode()
    assert "Open the identity register" not in html and link not in html


def test_page_shows_details_and_the_sin_clock(demo, signed_in):
    """Everything recorded is shown, with the notification clock met on the day it was sent to the Panel."""
    notification = record(demo, further_information="A fictional further note.")
    html = signed_in(demo["member"]).get(reverse("incidents:detail", args=[notification.pk])).content.decode()
    for text in ("Northmoor Council", "Saturday 20 December 2025", "Physical abuse", "A fictional further note.",
                 "Child A", "White British", "Child in need",
                 "Met on Friday 19 December 2025 (due Tuesday 23 December 2025)"):
        assert text in html
    assert "Ofsted and the Secretary of State" not in html


def test_looked_after_death_shows_the_ofsted_clock(demo, signed_in):
    """A looked-after child's death shows who else must be told, why, and the clock from awareness."""
    child = {"pseudonym": "Child K", "age_years": 15, "sex": "male", "ethnicity": "Mixed",
             "legal_status": "looked_after", "identity": {"full_name": REAL_NAME}}
    notification = record(demo, nature="death", children=[child])
    html = signed_in(demo["business_team"]).get(reverse("incidents:detail", args=[notification.pk])).content.decode()
    assert "Ofsted and the Secretary of State must also be told of this death: Child K was looked after" in html
    assert "was due Tuesday 23 December 2025" in html
    assert reverse("incidents:ofsted_told", args=[notification.pk]) in html
    assert REAL_NAME not in html


def test_reading_a_notification_is_audited(demo, signed_in):
    """Case material is need-to-know: each read of the notification page is in the audit trail."""
    notification = record(demo)
    signed_in(demo["scrutineer"]).get(reverse("incidents:detail", args=[notification.pk]))
    assert AuditEvent.objects.filter(verb="viewed", target_type="incidents.notification",
                                     target_id=str(notification.pk), actor_id=demo["scrutineer"].pk).count() == 1


def test_list_is_newest_first_with_an_empty_state(demo, signed_in):
    """An empty list says so; recorded notifications are listed newest received first."""
    client = signed_in(demo["chair"])
    assert "No notifications have been recorded yet." in client.get(reverse("incidents:list")).content.decode()
    record(demo, reference="SIN-OLD", received_date=date(2025, 12, 17))
    record(demo, reference="SIN-NEW")
    html = client.get(reverse("incidents:list")).content.decode()
    assert html.index("SIN-NEW") < html.index("SIN-OLD")
    assert "Record a notification" not in html  # the chair reads; only the business team records
