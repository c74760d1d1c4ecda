"""Recording when Ofsted and the Secretary of State were told of a death: validated, audited, business team only."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.incidents.notice_services import notification_ofsted_told

from .conftest import record

pytestmark = pytest.mark.django_db
LOOKED_AFTER = {"pseudonym": "Child K", "age_years": 15, "sex": "male", "ethnicity": "Mixed",
                "legal_status": "looked_after"}


@pytest.fixture
def death(demo):
    return record(demo, nature="death", children=[LOOKED_AFTER])


def _told(notification):
    notification.refresh_from_db()
    return notification.ofsted_sos_told_on


def test_recording_the_date_is_audited(demo, death):
    """The date is saved and the audit trail shows it, with the empty value it replaced."""
    notification_ofsted_told(actor=demo["business_team"], notification=death, told_on=date(2025, 12, 18))
    assert _told(death) == date(2025, 12, 18)
    event = AuditEvent.objects.get(verb="updated", target_type="incidents.notification", target_id=str(death.pk))
    assert event.changes == {"ofsted_sos_told_on": [None, "2025-12-18"]}


def test_the_same_date_twice_records_once(demo, death):
    """A double click saves nothing new and writes no second audit event."""
    for _ in range(2):
        notification_ofsted_told(actor=demo["business_team"], notification=death, told_on=date(2025, 12, 18))
    assert AuditEvent.objects.filter(verb="updated", target_type="incidents.notification").count() == 1


@pytest.mark.parametrize("told_on, message", [
    (date(2025, 12, 15), "The date cannot be before the local authority became aware (Tuesday 16 December 2025)"),
    (None, "The date must be today or in the past"),
])
def test_bad_dates_are_refused(demo, death, told_on, message):
    """A date before the local authority became aware, or in the future, is refused on the field."""
    told_on = told_on or timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        notification_ofsted_told(actor=demo["business_team"], notification=death, told_on=told_on)
    assert excinfo.value.message_dict["told_on"] == [message]
    assert _told(death) is None


def test_refused_when_not_required(demo):
    """A serious harm notification needs no report to Ofsted and the Secretary of State, so none is recorded."""
    notification = record(demo)
    with pytest.raises(ValidationError) as excinfo:
        notification_ofsted_told(actor=demo["business_team"], notification=notification, told_on=date(2025, 12, 18))
    assert "do not need to be told" in excinfo.value.messages[0]
    assert _told(notification) is None


def test_only_the_business_team_may_record(demo, death):
    """A chair reading the case cannot record the date."""
    with pytest.raises(PermissionDenied):
        notification_ofsted_told(actor=demo["chair"], notification=death, told_on=date(2025, 12, 18))


def test_page_records_the_date_and_shows_the_clock_met(demo, death, signed_in):
    """Through the page: the date is saved, and the notification page shows the clock met on it."""
    client = signed_in(demo["business_team"])
    url = reverse("incidents:ofsted_told", args=[death.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"told_on": "18/12/2025"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("incidents:detail", args=[death.pk])
    assert "Met on Thursday 18 December 2025 (due Tuesday 23 December 2025)" in response.content.decode()


def test_page_shows_a_bad_date_beside_the_field(demo, death, signed_in):
    """A date before awareness gives 400 with the message, and nothing changes."""
    response = signed_in(demo["business_team"]).post(reverse("incidents:ofsted_told", args=[death.pk]),
                                                     {"told_on": "2025-12-01"})
    assert response.status_code == 400
    assert "The date cannot be before the local authority became aware" in response.content.decode()
    assert _told(death) is None


@pytest.mark.parametrize("role", ["chair", "member", "scrutineer", "agency_contributor"])
def test_page_is_missing_for_other_roles(demo, death, signed_in, role):
    """Other roles find no such page, and cannot post to it."""
    client = signed_in(demo[role])
    url = reverse("incidents:ofsted_told", args=[death.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"told_on": "2025-12-18"}).status_code == 404
    assert _told(death) is None


def test_page_explains_when_no_report_is_needed(demo, signed_in):
    """For a notification that needs no report the page says so and offers no form."""
    notification = record(demo)
    html = signed_in(demo["business_team"]).get(
        reverse("incidents:ofsted_told", args=[notification.pk])).content.decode()
    assert "do not need to be told of this notification" in html and 'name="told_on"' not in html
