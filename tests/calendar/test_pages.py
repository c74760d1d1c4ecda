"""The working-days calculator page and the closures pages: answers, errors and permissions."""

from datetime import date

import pytest
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.partnerships import calendar_services as services
from casereview.partnerships.models import CalendarDay, CalendarDayKind
from tests.conftest import PartnershipFactory, UserFactory, sign_in, user_with_role

pytestmark = pytest.mark.django_db

CALCULATOR = reverse("calendar:calculator")


def _add_query(start, days, direction="after"):
    return {"calculate": "add", "add-start": start, "add-days": days, "add-direction": direction}


def _closure(actor, partnership, day=date(2026, 1, 13), reason="Office move"):
    return services.calendar_day_add(actor=actor, partnership=partnership, date=day, kind=CalendarDayKind.CLOSED,
                                     reason=reason)


def test_calculator_shows_three_empty_forms(business_client, partnership):
    """Without a query the page shows all three forms, says which calendar it uses, and no errors."""
    response = business_client.get(CALCULATOR)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ["add-start", "add-days", "count-start", "count-end", "holidays-start", "holidays-end"]:
        assert f'name="{name}"' in html
    assert partnership.name in html
    assert "There is a problem" not in html


def test_fifteen_working_days_after_saturday_20_december_2025(business_client):
    """DOMAIN.md §3: day 15 after Saturday 20 December 2025 is Wednesday 14 January 2026, skipping Christmas."""
    response = business_client.get(CALCULATOR, _add_query("2025-12-20", 15))
    html = response.content.decode()
    assert "15 working days after Saturday 20 December 2025 is Wednesday 14 January 2026" in html
    assert "Christmas Day" in html and "Boxing Day" in html and "New Year" in html
    assert response.context["result"].skipped[0] == (date(2025, 12, 21), "Sunday")


def test_five_working_days_before_tuesday_6_january_2026(business_client):
    """DOMAIN.md §3: papers 5 working days before Tuesday 6 January 2026 are due Monday 29 December 2025."""
    response = business_client.get(CALCULATOR, _add_query("06/01/2026", 5, "before"))
    assert "5 working days before Tuesday 6 January 2026 is Monday 29 December 2025" in response.content.decode()


def test_a_partnership_closure_changes_the_answer(business_client, business_user, partnership):
    """Closing Tuesday 13 January 2026 pushes day 15 after 20 December 2025 to Thursday 15 January 2026."""
    _closure(business_user, partnership)
    html = business_client.get(CALCULATOR, _add_query("2025-12-20", 15)).content.decode()
    assert "15 working days after Saturday 20 December 2025 is Thursday 15 January 2026" in html
    assert "Partnership closure: Office move" in html


def test_count_between_two_dates(business_client):
    """Friday 2 January 2026 to Monday 5 January 2026 is one working day."""
    response = business_client.get(CALCULATOR, {"calculate": "count", "count-start": "2026-01-02",
                                                "count-end": "2026-01-05"})
    assert response.context["result"].working_days == 1
    assert "1 working day after Friday 2 January 2026" in response.content.decode()


def test_holidays_list_includes_bank_holidays_and_closures(business_client, business_user, partnership):
    """The holiday list shows the bank holidays and the partnership's closures in the range."""
    _closure(business_user, partnership)
    response = business_client.get(CALCULATOR, {"calculate": "holidays", "holidays-start": "2025-12-01",
                                                "holidays-end": "2026-01-31"})
    names = [name for _, name in response.context["result"].holidays]
    assert names == ["Christmas Day", "Boxing Day", "New Year's Day", "Partnership closure: Office move"]


@pytest.mark.parametrize("query, field, message", [
    (_add_query("2025-13-45", 15), "start", "must be a real date"),
    (_add_query("", 15), "start", "Enter the start date"),
    (_add_query("2025-12-20", 401), "days", "between 0 and 400"),
    (_add_query("2025-12-20", "fifteen"), "days", "whole number"),
    (_add_query("9999-12-31", 400), "start", "must be between"),
    (_add_query("2025-12-20", 15, "sideways"), "direction", "Select a valid choice"),
    ({"calculate": "count", "count-start": "2026-01-02"}, "end", "Enter the end date"),
    ({"calculate": "holidays", "holidays-start": "2025-01-01", "holidays-end": "2029-01-01"}, "end", "3 years"),
    ({"calculate": "holidays", "holidays-start": "2026-01-01", "holidays-end": "2025-01-01"}, "end", "after the start"),
])  # fmt: skip
def test_bad_input_shows_an_error_beside_the_field(business_client, query, field, message):
    """Invalid input is a 400 with a GOV.UK error summary and the message by the field, never a 500."""
    response = business_client.get(CALCULATOR, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "govuk-error-message" in html
    assert message in " ".join(response.context["form"].errors[field])


def test_calculator_needs_sign_in(client, db):
    """An anonymous visitor is sent to sign in."""
    response = client.get(CALCULATOR)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_user_in_no_partnership_gets_the_default_calendar(client, db):
    """A signed-in user in no partnership still gets answers, from the England and Wales calendar."""
    sign_in(client, UserFactory())
    response = client.get(CALCULATOR, _add_query("2025-12-20", 15))
    assert response.status_code == 200
    assert "England and Wales only" in response.content.decode()
    assert response.context["result"].result == date(2026, 1, 14)


def test_member_sees_closures_without_controls(client, business_user, partnership):
    """Any member can view the closures list, but only the business team sees the add and remove controls."""
    _closure(business_user, partnership)
    sign_in(client, user_with_role(partnership, "member"))
    response = client.get(reverse("calendar:closures"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Office move" in html
    assert reverse("calendar:closure_add") not in html


def test_business_team_adds_a_closure(business_client, partnership):
    """The business team adds a closure through the form and returns to the list with a banner."""
    response = business_client.post(reverse("calendar:closure_add"),
                                     {"date": "2026-01-13", "kind": "closed", "reason": "Office move"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("calendar:closures")
    assert "Calendar entry added" in response.content.decode()
    assert CalendarDay.objects.get(partnership=partnership).reason == "Office move"


def test_refused_closure_shows_the_service_message(business_client):
    """Closing a Saturday re-shows the form with the service's explanation by the date field."""
    response = business_client.post(reverse("calendar:closure_add"),
                                     {"date": "2026-01-03", "kind": "closed", "reason": "Office move"})
    assert response.status_code == 400
    assert "Saturday 3 January 2026 is already not a working day (Saturday)" in response.content.decode()


def test_member_may_not_add_or_remove(client, business_user, partnership):
    """A group member gets 403 on the add and remove pages, and nothing changes."""
    day = _closure(business_user, partnership)
    sign_in(client, user_with_role(partnership, "member"))
    assert client.get(reverse("calendar:closure_add")).status_code == 403
    assert client.post(reverse("calendar:closure_remove", args=[day.pk])).status_code == 403
    assert CalendarDay.objects.filter(pk=day.pk).exists()


def test_business_team_removes_a_closure_after_confirming(business_client, business_user, partnership):
    """GET shows a confirmation page; POST removes the entry and audits it."""
    day = _closure(business_user, partnership)
    url = reverse("calendar:closure_remove", args=[day.pk])
    assert "Remove the entry for Tuesday 13 January 2026?" in business_client.get(url).content.decode()
    response = business_client.post(url)
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(pk=day.pk).exists()
    assert AuditEvent.objects.filter(verb="deleted", target_id=str(day.pk)).exists()


def test_another_partnerships_day_is_not_found(business_client):
    """A business team member cannot even see another partnership's entry: 404, not 403."""
    other = PartnershipFactory()
    day = _closure(user_with_role(other, "business_team"), other)
    url = reverse("calendar:closure_remove", args=[day.pk])
    assert business_client.get(url).status_code == 404
    assert business_client.post(url).status_code == 404
    assert CalendarDay.objects.filter(pk=day.pk).exists()
