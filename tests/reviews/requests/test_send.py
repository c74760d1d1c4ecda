"""Asking agencies for information: who is asked, the review's status, the audit trail and the e-mails."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.reviews.models import AgencyRequest, RapidReview
from casereview.reviews.requests_services import agency_requests_send
from casereview.reviews.services import rapid_review_transition
from tests.conftest import sign_in

from .conftest import user

pytestmark = pytest.mark.django_db


def test_sending_moves_the_review_to_gathering_and_audits(demo, review, police):
    """The first requests move a notified review to gathering; each request and the step are audited."""
    [created] = agency_requests_send(actor=demo["admin"], review=review, agencies=[police])
    review.refresh_from_db()
    assert review.status == "gathering"
    assert review.status_changes.last().after == "gathering"
    event = AuditEvent.objects.get(target_type="reviews.agencyrequest", target_id=str(created.pk))
    assert event.changes["agency"] == [None, "Northmoor Constabulary"]
    assert AuditEvent.objects.filter(target_type="reviews.rapidreview", changes__status=["notified", "gathering"])


def test_due_date_defaults_to_the_returns_milestone(demo, review, police):
    """Without a due date, returns are due on the review's "returns due" milestone (day 10)."""
    [created] = agency_requests_send(actor=demo["admin"], review=review, agencies=[police])
    assert created.due_date == review.milestones.get(key="returns_due").due_date == date(2026, 1, 7)


def test_agencies_already_asked_are_skipped(demo, review, police, education):
    """Asking again skips agencies already asked without error: one request per agency."""
    agency_requests_send(actor=demo["admin"], review=review, agencies=[police])
    again = agency_requests_send(actor=demo["admin"], review=review, agencies=[police, education, education])
    assert [r.agency for r in again] == [education]
    assert AgencyRequest.objects.filter(rapid_review=review).count() == 2


def test_only_the_business_team_sends(demo, review, police):
    """A chair cannot send requests."""
    with pytest.raises(PermissionDenied):
        agency_requests_send(actor=user("chair"), review=review, agencies=[police])
    assert not AgencyRequest.objects.exists()


def test_a_due_date_in_the_past_is_refused(demo, review, police):
    """An explicit due date must be today or later; nothing is saved."""
    with pytest.raises(ValidationError) as excinfo:
        agency_requests_send(actor=demo["admin"], review=review, agencies=[police], due_date=date(2020, 1, 1))
    assert "due_date" in excinfo.value.message_dict
    assert not AgencyRequest.objects.exists()
    assert RapidReview.objects.get(pk=review.pk).status == "notified"


def test_a_withdrawn_review_cannot_ask(demo, review, police):
    """Once withdrawn, no agency can be asked."""
    rapid_review_transition(actor=demo["admin"], review=review, to="withdrawn", reason="Criteria not met.")
    with pytest.raises(ValidationError):
        agency_requests_send(actor=demo["admin"], review=review, agencies=[police])


def test_emails_go_to_the_agency_without_the_childs_details(demo, review, police, django_capture_on_commit_callbacks):
    """The police contributor and the police member of the group are e-mailed; no pseudonym is sent."""
    due = date.today() + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        agency_requests_send(actor=demo["admin"], review=review, agencies=[police], due_date=due)
    assert sorted(m.to for m in mail.outbox) == [["contributor@northmoor.example"], ["marcus@northmoor.example"]]
    for message in mail.outbox:
        assert "SIN-2025-041" in message.body and f"{due.day} {due:%B %Y}" in message.body
        assert "/reviews/requests/" in message.body
        assert "Baby Q" not in message.body + message.subject


def test_send_page_lists_agencies_and_sends(client, demo, review, police):
    """The page marks statutory partners and co-opted members' agencies, and sends the ticked ones."""
    sign_in(client, demo["admin"])
    url = reverse("reviews:requests_send", args=[review.pk])
    page = client.get(url).content.decode()
    assert "Statutory partner: police" in page and "Co-opted member: Saoirse Delacroix" in page
    response = client.post(url, {"agencies": [police.pk]})
    assert response.status_code == 302
    assert AgencyRequest.objects.get().agency == police
    assert "Northmoor Constabulary" in client.get(url).content.decode().split("Already asked")[1].split("<form")[0]


def test_send_page_needs_an_agency(client, demo, review):
    """Sending with nothing ticked shows the error beside the field and saves nothing."""
    sign_in(client, demo["admin"])
    response = client.post(reverse("reviews:requests_send", args=[review.pk]), {"due_date": ""})
    assert response.status_code == 400
    assert "Select at least one agency" in response.content.decode()
    assert not AgencyRequest.objects.exists()


@pytest.mark.parametrize("username, status", [("chair", 403), ("contributor", 404)])
def test_send_page_is_for_the_business_team(client, demo, review, username, status):
    """A chair is refused; an agency contributor cannot even see that the review exists."""
    sign_in(client, user(username))
    assert client.get(reverse("reviews:requests_send", args=[review.pk])).status_code == status
