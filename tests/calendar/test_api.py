"""The working-days API: answers in the requesting user's partnership calendar, 400s for bad input, sign-in."""

from datetime import date

import pytest
from django.urls import reverse

from casereview.partnerships import calendar_services as services
from casereview.partnerships.models import CalendarDayKind

pytestmark = pytest.mark.django_db

ADD, COUNT, HOLIDAYS = reverse("calendar-add"), reverse("calendar-count"), reverse("calendar-holidays")


def test_add_fifteen_working_days_after_saturday_20_december_2025(business_client):
    """DOMAIN.md §3: day 15 after Saturday 20 December 2025 is 14 January 2026, with the skipped days listed."""
    response = business_client.get(ADD, {"date": "2025-12-20", "days": 15, "direction": "after"})
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("date", "days", "direction", "result")} == {
        "date": "2025-12-20", "days": 15, "direction": "after", "result": "2026-01-14"}
    assert body["skipped"][:3] == [{"date": "2025-12-21", "reason": "Sunday"},
                                   {"date": "2025-12-25", "reason": "Christmas Day"},
                                   {"date": "2025-12-26", "reason": "Boxing Day"}]


def test_add_counts_backwards_before_a_date(business_client):
    """DOMAIN.md §3: 5 working days before Tuesday 6 January 2026 is Monday 29 December 2025."""
    response = business_client.get(ADD, {"date": "2026-01-06", "days": 5, "direction": "before"})
    assert response.json()["result"] == "2025-12-29"


def test_add_uses_the_partnerships_closures(business_client, business_user, partnership):
    """A closure of the user's partnership moves the answer by a day."""
    services.calendar_day_add(actor=business_user, partnership=partnership, date=date(2026, 1, 13),
                              kind=CalendarDayKind.CLOSED, reason="Office move")
    response = business_client.get(ADD, {"date": "2025-12-20", "days": 15})
    assert response.json()["result"] == "2026-01-15"


def test_count_working_days(business_client):
    """Friday 2 to Monday 5 January 2026 is 1 working day; the reverse is -1."""
    assert business_client.get(COUNT, {"start": "2026-01-02", "end": "2026-01-05"}).json() == {
        "start": "2026-01-02", "end": "2026-01-05", "working_days": 1}
    assert business_client.get(COUNT, {"start": "2026-01-05", "end": "2026-01-02"}).json()["working_days"] == -1


def test_holidays_in_a_range(business_client):
    """The bank holidays of Christmas 2025 are listed by date with their names."""
    response = business_client.get(HOLIDAYS, {"start": "2025-12-01", "end": "2026-01-31"})
    assert response.json() == {"holidays": [
        {"date": "2025-12-25", "name": "Christmas Day"},
        {"date": "2025-12-26", "name": "Boxing Day"},
        {"date": "2026-01-01", "name": "New Year's Day"},
    ]}


@pytest.mark.parametrize("url, query, field", [
    (ADD, {"date": "2025-13-45", "days": 15}, "date"),
    (ADD, {"days": 15}, "date"),
    (ADD, {"date": "2025-12-20", "days": 401}, "days"),
    (ADD, {"date": "2025-12-20", "days": -1}, "days"),
    (ADD, {"date": "2025-12-20", "days": 15, "direction": "sideways"}, "direction"),
    (ADD, {"date": "9999-12-31", "days": 400}, "date"),
    (COUNT, {"start": "2026-01-02"}, "end"),
    (HOLIDAYS, {"start": "2025-01-01", "end": "2029-01-01"}, "end"),
    (HOLIDAYS, {"start": "2026-01-01", "end": "2025-01-01"}, "end"),
])  # fmt: skip
def test_bad_query_is_a_400_with_field_messages(business_client, url, query, field):
    """Invalid or missing parameters give 400 with a message under the parameter's name."""
    response = business_client.get(url, query)
    assert response.status_code == 400
    assert response.json()[field]


@pytest.mark.parametrize("url", [ADD, COUNT, HOLIDAYS])
def test_anonymous_requests_are_refused(client, db, url):
    """The API answers only signed-in users or token holders."""
    assert client.get(url, {"date": "2025-12-20", "days": 1, "start": "2025-12-20", "end": "2025-12-21"}
                      ).status_code in (401, 403)


def test_endpoints_appear_in_the_openapi_schema(business_client):
    """All three endpoints, with their query parameters, are described in /api/schema/."""
    schema = business_client.get(reverse("api-schema"), {"format": "json"}).json()
    add = schema["paths"]["/api/v1/calendar/add/"]["get"]
    assert {p["name"] for p in add["parameters"]} == {"date", "days", "direction"}
    assert "/api/v1/calendar/count/" in schema["paths"]
    assert "/api/v1/calendar/holidays/" in schema["paths"]
