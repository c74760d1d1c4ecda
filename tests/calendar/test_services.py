"""Services for a partnership's closure and opening days: permission, refusals and an audit row for each write."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casereview.audit.models import AuditEvent
from casereview.partnerships import calendar_selectors as selectors
from casereview.partnerships import calendar_services as services
from casereview.partnerships.models import CalendarDay, CalendarDayKind
from tests.conftest import AgencyFactory, PartnershipFactory, user_with_role

pytestmark = pytest.mark.django_db

CLOSED, OPEN = CalendarDayKind.CLOSED, CalendarDayKind.OPEN


def _add(actor, partnership, day=date(2025, 12, 24), kind=CLOSED, reason="Office closed for Christmas Eve"):
    return services.calendar_day_add(actor=actor, partnership=partnership, date=day, kind=kind, reason=reason)


def test_add_saves_the_day_and_records_an_audit_event(partnership, business_user):
    """Adding a closure saves it with its author and appends one 'created' event with the values."""
    day = _add(business_user, partnership)
    assert day.created_by == business_user
    event = AuditEvent.objects.get(target_type="partnerships.calendarday", target_id=str(day.pk))
    assert event.verb == "created"
    assert event.actor_id == business_user.pk
    assert event.partnership_id == partnership.pk
    assert event.changes["date"] == [None, "2025-12-24"]
    assert event.changes["kind"] == [None, "closed"]


def test_remove_deletes_the_day_and_records_an_audit_event(partnership, business_user):
    """Removing an entry deletes it and appends one 'deleted' event that keeps what was removed."""
    day = _add(business_user, partnership)
    pk = day.pk
    services.calendar_day_remove(actor=business_user, day=day)
    assert not CalendarDay.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(verb="deleted")
    assert event.target_id == str(pk)
    assert event.partnership_id == partnership.pk
    assert event.changes["reason"] == ["Office closed for Christmas Eve", None]


def test_added_closure_changes_the_partnership_calendar(partnership, business_user):
    """A closure stops the date being a working day for that partnership only."""
    _add(business_user, partnership)
    assert not selectors.partnership_calendar(partnership).is_working_day(date(2025, 12, 24))
    assert selectors.partnership_calendar(PartnershipFactory()).is_working_day(date(2025, 12, 24))


def test_duplicate_date_is_refused_on_the_date_field(partnership, business_user):
    """A second entry for the same date is refused with a message on 'date'."""
    _add(business_user, partnership)
    with pytest.raises(ValidationError) as exc:
        _add(business_user, partnership, reason="Again")
    assert exc.value.message_dict == {"date": ["That date already has an entry: remove it first"]}


def test_closing_a_non_working_day_is_refused_with_the_reason(partnership, business_user):
    """Closing a Saturday changes nothing, so it is refused, naming why the day is already not a working day."""
    with pytest.raises(ValidationError) as exc:
        _add(business_user, partnership, day=date(2026, 1, 3))
    assert exc.value.message_dict["date"] == ["Saturday 3 January 2026 is already not a working day (Saturday)"]


def test_closing_a_bank_holiday_is_refused_naming_the_holiday(partnership, business_user):
    """Closing Christmas Day is refused, naming the bank holiday."""
    with pytest.raises(ValidationError) as exc:
        _add(business_user, partnership, day=date(2025, 12, 25))
    assert "Christmas Day" in exc.value.message_dict["date"][0]


def test_opening_a_working_day_is_refused(partnership, business_user):
    """Opening an ordinary Monday changes nothing, so it is refused."""
    with pytest.raises(ValidationError) as exc:
        _add(business_user, partnership, day=date(2026, 1, 5), kind=OPEN, reason="Extra day")
    assert exc.value.message_dict["date"][0].startswith("Monday 5 January 2026 is already a working day")


def test_opening_a_saturday_is_allowed(partnership, business_user):
    """Opening a Saturday makes it a working day for the partnership."""
    _add(business_user, partnership, day=date(2026, 1, 3), kind=OPEN, reason="Weekend working")
    assert selectors.partnership_calendar(partnership).is_working_day(date(2026, 1, 3))


@pytest.mark.parametrize("reason", ["", "   "])
def test_reason_is_required(partnership, business_user, reason):
    """An entry without a reason is refused on 'reason' and nothing is saved."""
    with pytest.raises(ValidationError) as exc:
        _add(business_user, partnership, reason=reason)
    assert "reason" in exc.value.message_dict
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize("role", ["chair", "member", "scrutineer", "agency_contributor"])
def test_only_the_business_team_may_add(partnership, role):
    """Other roles are refused and nothing is saved or audited."""
    agency = AgencyFactory(partnership=partnership) if role == "agency_contributor" else None
    with pytest.raises(PermissionDenied):
        _add(user_with_role(partnership, role, agency=agency), partnership)
    assert not CalendarDay.objects.exists()
    assert not AuditEvent.objects.exists()


def test_business_team_of_another_partnership_may_not_remove(partnership, business_user):
    """A business team member changes only their own partnership's calendar."""
    day = _add(business_user, partnership)
    with pytest.raises(PermissionDenied):
        services.calendar_day_remove(actor=user_with_role(PartnershipFactory(), "business_team"), day=day)
    assert CalendarDay.objects.filter(pk=day.pk).exists()


def test_partnership_calendar_takes_one_query(partnership, business_user, django_assert_num_queries):
    """The calendar is built from all the partnership's entries in a single query."""
    _add(business_user, partnership)
    _add(business_user, partnership, day=date(2026, 1, 3), kind=OPEN, reason="Weekend working")
    with django_assert_num_queries(1):
        calendar = selectors.partnership_calendar(partnership)
    assert calendar.closures == {date(2025, 12, 24): "Office closed for Christmas Eve"}
    assert calendar.openings == {date(2026, 1, 3): "Weekend working"}


def test_calendar_days_are_hidden_from_outsiders(partnership, business_user):
    """Members of the partnership see its entries; a user of another partnership sees none."""
    _add(business_user, partnership)
    member = user_with_role(partnership, "member")
    outsider = user_with_role(PartnershipFactory(), "business_team")
    assert len(selectors.calendar_days(member, partnership)) == 1
    assert selectors.calendar_days(outsider, partnership) == []
