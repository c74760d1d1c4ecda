"""The rapid review API: clocks, status, requests; scoped like the pages; recording through the service."""

import pytest

from casereview.accounts.models import User
from tests.conftest import sign_in

from .conftest import notification_data, record

pytestmark = pytest.mark.django_db


def test_rapid_review_api_shows_the_clock_and_rule(client, demo):
    """A reader sees each open review with its due date, clock summary and the terms version that set it."""
    review = record(demo).rapid_review
    sign_in(client, User.objects.get(username="member"))
    body = client.get(f"/api/v1/rapid-reviews/{review.pk}/").json()
    assert body["due_date"] == "2026-01-14"
    assert body["clock"]["due"] == "2026-01-14"
    assert "due Wednesday 14 January 2026" in body["clock"]["summary"]
    assert body["status"] == "notified"
    assert body["decision"] is None and body["submission"] is None


def test_contributor_sees_no_reviews_through_the_api(client, demo):
    """Case material is need-to-know: the agency contributor's review list is empty and details are 404."""
    review = record(demo).rapid_review
    sign_in(client, User.objects.get(username="contributor"))
    assert client.get("/api/v1/rapid-reviews/").json()["results"] == []
    assert client.get(f"/api/v1/rapid-reviews/{review.pk}/").status_code == 404
    assert client.get(f"/api/v1/notifications/{review.notification_id}/").status_code == 404


def test_notification_post_opens_a_review_and_never_returns_identities(client, demo):
    """POSTing a notification records it through the service; bad dates come back as field errors."""
    sign_in(client, demo["admin"])
    payload = {**{k: str(v) if hasattr(v, "isoformat") else v for k, v in notification_data().items()},
               "group": demo["rapid"].pk,
               "children": [{"position": 1, "pseudonym": "Child A", "sex": "male", "ethnicity": "Not known",
                             "legal_status": "not_known", "age_years": 2}]}
    response = client.post("/api/v1/notifications/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["rapid_review"] is not None
    bad = {**payload, "reference": "SIN-2", "received_date": "2025-12-01"}
    response = client.post("/api/v1/notifications/", bad, content_type="application/json")
    assert response.status_code == 400
    assert "received_date" in response.json()


def test_member_cannot_post_a_notification(client, demo):
    """Only the business team records notifications, through the API as on the pages."""
    sign_in(client, User.objects.get(username="member"))
    payload = {**{k: str(v) if hasattr(v, "isoformat") else v for k, v in notification_data().items()},
               "group": demo["rapid"].pk, "children": [{"position": 1, "pseudonym": "Child A", "sex": "male",
                                                        "ethnicity": "Not known", "legal_status": "not_known"}]}
    assert client.post("/api/v1/notifications/", payload, content_type="application/json").status_code == 403
