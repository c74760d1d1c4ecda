"""Group-level governance clocks for both seeds: the yearly terms-of-reference review and the chairs' quarterly
update to the SLG, and the governance overview page that shows them."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import User
from casereview.domain.clocks import ClockStatus
from casereview.meetings.governance_selectors import slg_update_deadline, slg_update_due, tor_review_state
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Group
from casereview.partnerships.terms_services import review_clock_adjust
from tests.conftest import GroupFactory, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(db):
    load_demo()
    return Group.objects.get(name="Case Review Subgroup"), Group.objects.get(name="Rapid Review Group")


@pytest.mark.parametrize("today, anchor, due, status", [
    # Version 1 (adopted 1 October 2023, never reviewed): due twelve months after adoption.
    (date(2024, 9, 1), date(2023, 10, 1), date(2024, 10, 1), ClockStatus.RUNNING),
    (date(2024, 10, 1), date(2023, 10, 1), date(2024, 10, 1), ClockStatus.DUE_TODAY),
    (date(2025, 6, 1), date(2023, 10, 1), date(2024, 10, 1), ClockStatus.OVERDUE),
    # Version 2 (in force from 1 February 2026) records the review of 20 January 2026.
    (date(2026, 3, 1), date(2026, 1, 20), date(2027, 1, 20), ClockStatus.RUNNING),
])
def test_kingston_richmond_review_runs_twelve_months_from_the_last_review(groups, today, anchor, due, status):
    """The subgroup's terms are reviewed yearly, counted from the last review or else adoption."""
    state = tor_review_state(groups[0], today)
    assert (state.anchor, state.state.due, state.state.status) == (anchor, due, status)
    assert state.note == "Terms of reference: reviewed every 12 months"


def test_kent_terms_set_no_review_interval(groups):
    """Kent's rapid review group terms are silent: the clock says so rather than inventing a date."""
    state = tor_review_state(groups[1], date(2026, 3, 1))
    assert not state.is_set and not state.warns
    assert state.summary == "Not set by the terms of reference: the terms name no interval for reviewing them"


def test_a_group_without_terms_says_so(groups):
    """A group with no terms in force has no clock, and says why."""
    state = tor_review_state(GroupFactory(partnership=groups[0].partnership), date(2026, 3, 1))
    assert state.summary == "No terms of reference are in force"


def test_an_agreed_extension_moves_the_review(groups):
    """An extension recorded on the terms page moves the due date here too (one clock, two pages)."""
    subgroup = groups[0]
    review_clock_adjust(actor=User.objects.get(username="business.manager"), group=subgroup, kind="extend",
                        on=date(2026, 3, 1), reason="Waiting for new national guidance", agreed_by="Co-chairs",
                        agreed_on=date(2026, 3, 1), new_due_date=date(2027, 3, 31))
    assert tor_review_state(subgroup, timezone.localdate()).state.due == date(2027, 3, 31)


@pytest.mark.parametrize("today, quarter, due, status", [
    (date(2026, 4, 10), "January to March 2026", date(2026, 4, 30), ClockStatus.RUNNING),
    (date(2026, 4, 30), "January to March 2026", date(2026, 4, 30), ClockStatus.DUE_TODAY),
    (date(2026, 5, 1), "April to June 2026", date(2026, 7, 30), ClockStatus.NOT_STARTED),
    (date(2026, 7, 1), "April to June 2026", date(2026, 7, 30), ClockStatus.RUNNING),
    (date(2027, 1, 5), "October to December 2026", date(2027, 1, 31), ClockStatus.RUNNING),
])
def test_the_next_slg_update_is_due_within_a_month_of_quarter_end(groups, today, quarter, due, status):
    """Kingston & Richmond chairs report quarterly: the update is due within a month of the quarter's end."""
    update = slg_update_due(groups[0], today)
    assert (update.quarter_label, update.due, update.clock.state.status) == (quarter, due, status)
    assert update.body == "Safeguarding Leadership Group (SLG)" and update.by == "chairs"


def test_a_quarter_not_yet_ended_says_when_its_update_will_be_due(groups):
    """Before the quarter ends the update is not started, and the summary gives its due date."""
    assert slg_update_due(groups[0], date(2026, 5, 1)).summary == (
        "Update for April to June 2026: due after the quarter ends, by Thursday 30 July 2026")


def test_kent_terms_report_per_case_not_quarterly(groups):
    """Kent's group reports per case to the partnership and the Panel: no quarterly update clock."""
    update = slg_update_due(groups[1], date(2026, 4, 10))
    assert not update.clock.is_set
    assert update.summary.startswith("Not set by the terms of reference: the terms set reporting to")
    assert "per case" in update.summary


@pytest.mark.parametrize("quarter_end, due", [
    (date(2026, 3, 31), date(2026, 4, 30)), (date(2026, 6, 30), date(2026, 7, 30)),
    (date(2026, 9, 30), date(2026, 10, 30)), (date(2026, 12, 31), date(2027, 1, 31)),
])
def test_deadline_is_one_calendar_month_after_the_quarter(quarter_end, due):
    """A calendar-month clock: the same day-number a month on (never moved off weekends)."""
    assert slg_update_deadline(quarter_end) == due


def test_governance_page_shows_both_seeds(groups, client):
    """The overview shows the subgroup's review and SLG clocks, and says Kent's terms set neither."""
    sign_in(client, User.objects.get(username="scrutineer"))
    page = client.get(reverse("meetings:governance"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Terms of reference: reviewed every 12 months" in text
    assert "the terms name no interval for reviewing them" in text
    assert "not a quarterly update" in text
    assert "Raise" not in text  # the scrutineer reads; only the business team raises


def test_governance_page_is_not_for_contributors(groups, client):
    """An agency contributor is refused the governance overview."""
    sign_in(client, User.objects.get(username="contributor"))
    assert client.get(reverse("meetings:governance")).status_code == 403
