"""Recording a notification opens its rapid review, timed by the group's own terms of reference."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from casereview.audit.models import AuditEvent
from casereview.incidents.models import Notification
from casereview.reviews.clock import review_clock_state
from casereview.reviews.models import RapidReview

from .conftest import child, record

pytestmark = pytest.mark.django_db


def test_kent_clock_starts_on_receipt_across_christmas(demo):
    """Kent: received Saturday 20 December 2025, so 15 working days is Wednesday 14 January 2026."""
    review = record(demo, "rapid").rapid_review
    assert review.clock_start_event == "received_date"
    assert review.clock_started_on == date(2025, 12, 20)
    assert review.due_date == date(2026, 1, 14)
    state = review_clock_state(review, date(2026, 1, 2))
    assert state.summary == "Day 7 of 15 — due Wednesday 14 January 2026"


def test_kingston_richmond_clock_starts_when_sent_to_the_panel(demo):
    """Kingston & Richmond (national default): sent Thursday 18 December 2025, so due Tuesday 13 January 2026."""
    review = record(demo, "subgroup", sin_submitted_date=date(2025, 12, 18)).rapid_review
    assert review.clock_start_event == "sin_submitted_date"
    assert review.due_date == date(2026, 1, 13)


def test_milestones_come_from_the_clock(demo):
    """Requests day 1, returns day 10, meeting day 12, sign-off day 14, on working days."""
    review = record(demo, "rapid").rapid_review
    dates = {m.key: m.due_date for m in review.milestones.all()}
    assert dates == {"requests_sent": date(2025, 12, 22), "returns_due": date(2026, 1, 7),
                     "meeting_by": date(2026, 1, 9), "sign_off_by": date(2026, 1, 13)}


def test_opening_is_audited_with_the_rule_version(demo):
    """The review's creation is audited with its due date and the terms version that set it."""
    review = record(demo, "rapid").rapid_review
    event = AuditEvent.objects.get(target_type="reviews.rapidreview", target_id=str(review.pk))
    assert event.changes["due_date"] == [None, "2026-01-14"]
    assert event.changes["terms_version"] == [None, review.terms_version.version]


@pytest.mark.parametrize("overrides, field", [
    ({"received_date": date(2025, 12, 10)}, "received_date"),
    ({"la_aware_date": date(2025, 12, 1)}, "la_aware_date"),
])
def test_bad_dates_change_nothing(demo, overrides, field):
    """A received date before the incident (and the like) is refused on its field; nothing is saved."""
    with pytest.raises(ValidationError) as excinfo:
        record(demo, **overrides)
    assert field in excinfo.value.message_dict
    assert not Notification.objects.exists() and not RapidReview.objects.exists()


def test_fifth_child_in_main_list_is_refused(demo):
    """The main list holds four children; a fifth is refused, and may go in further information instead."""
    five = [child(pseudonym=f"Child {c}") for c in "ABCDE"]
    with pytest.raises(ValidationError) as excinfo:
        record(demo, children=five)
    assert "children" in excinfo.value.message_dict
    five[-1]["in_main_list"] = False
    assert record(demo, children=five).children.count() == 5


def test_looked_after_death_needs_ofsted_and_secretary_of_state(demo):
    """A looked-after child's death is flagged for Ofsted and the Secretary of State."""
    notification = record(demo, nature="death", children=[child(legal_status="looked_after")])
    assert notification.ofsted_sos_required


def test_duplicate_reference_is_refused(demo):
    """One notification per incident: the same reference twice (a double click) is refused."""
    record(demo)
    with pytest.raises(ValidationError) as excinfo:
        record(demo)
    assert "reference" in excinfo.value.message_dict
    assert Notification.objects.count() == 1


def test_milestones_cannot_move_after_sign_off(demo):
    """Once a review is signed off or later, its milestones are history and cannot be moved."""
    from casereview.reviews.models import RapidReview
    from casereview.reviews.services import milestone_move

    review = record(demo).rapid_review
    RapidReview.objects.filter(pk=review.pk).update(status="submitted")  # arrange only: skip the journey
    review.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        milestone_move(actor=demo["admin"], milestone=review.milestones.first(), due_date=date(2026, 1, 5))
    assert "no longer be moved" in excinfo.value.message_dict["due_date"][0]


def test_clock_start_reads_in_words(demo):
    """The review names the event that started its clock in words, not as a field name."""
    assert record(demo, "subgroup").rapid_review.clock_start_label == "the notification being sent to the Panel"


def _new_rr_version(demo, group, effective, **rr_changes):
    from casereview.partnerships.terms_services import terms_clocks_update

    terms_clocks_update(actor=demo["admin"], group=demo[group], changes={"rr": rr_changes},
                        effective_from=effective, change_note="Test change")


def test_rule_in_force_on_the_start_date_governs(demo):
    """K&R: the clock starts when the notification was sent; a version taking effect the next day is not used."""
    from casereview.domain.calendar import default_calendar

    _new_rr_version(demo, "subgroup", date(2026, 6, 2), length=20)
    review = record(demo, "subgroup", incident_date=date(2026, 5, 28), la_aware_date=date(2026, 5, 29),
                    sin_submitted_date=date(2026, 6, 1), received_date=date(2026, 6, 3)).rapid_review
    assert review.terms_version.version == 2  # in force on 1 June, when the clock started
    assert review.due_date == default_calendar().add_working_days(date(2026, 6, 1), 15)


def test_clock_starting_from_a_date_a_notification_lacks_is_a_clear_error(demo):
    """A rapid review clock set to start from, say, the decision date is refused on the group, not a crash."""
    _new_rr_version(demo, "rapid", date(2025, 1, 1), start_event="decision_date")
    with pytest.raises(ValidationError) as excinfo:
        record(demo, "rapid")
    assert "group" in excinfo.value.message_dict
    assert not Notification.objects.exists()


def test_review_list_is_paginated_overdue_first(demo, client):
    """The list shows 50 reviews a page, soonest due (so overdue) first, with a link to the next page."""
    from datetime import timedelta

    from casereview.reviews import views
    from tests.conftest import sign_in

    for n in range(3):
        record(demo, reference=f"SIN-P-{n}", incident_date=date(2025, 12, 10), la_aware_date=date(2025, 12, 11),
               sin_submitted_date=date(2025, 12, 12), received_date=date(2025, 12, 18) - timedelta(days=n))
    views.REVIEWS_PER_PAGE = 2
    try:
        sign_in(client, demo["admin"])
        first = client.get("/reviews/")
        assert [r.notification.reference for r, _clock in first.context["rows"]] == ["SIN-P-2", "SIN-P-1"]
        assert "Page 1 of 2" in first.content.decode()
        second = client.get("/reviews/?page=2")
        assert [r.notification.reference for r, _clock in second.context["rows"]] == ["SIN-P-0"]
    finally:
        views.REVIEWS_PER_PAGE = 50
