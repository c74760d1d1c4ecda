"""The rapid review meeting: attendance, the quorum verdict of the terms in force, and its effect on the decision."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.meetings.models import Attendance, Meeting
from casereview.meetings.services import meeting_verdict, rapid_review_meeting_record
from casereview.partnerships.models import Person
from casereview.reviews.models import RapidReview
from tests.conftest import sign_in

from .conftest import MEETING, attendance_all, circulated, decided, met, seat

pytestmark = pytest.mark.django_db


def test_kent_meeting_missing_one_core_role_is_inquorate_and_decision_needs_ratification(demo):
    """Kent: the Partnership Team Manager sends apologies with no deputy, so the meeting and its decision fall short."""
    review = met(demo, circulated(demo), away="partnership_team_manager")
    verdict = meeting_verdict(review.meetings.get())
    assert not verdict.quorate
    assert verdict.summary == "Not quorate: missing Partnership Team Manager"
    assert decided(demo, review).decision.needs_ratification


def test_kent_meeting_with_everyone_is_quorate_and_decision_stands(demo):
    """All five core roles present: quorate, and the decision needs no ratification."""
    review = met(demo, circulated(demo))
    assert meeting_verdict(review.meetings.get()).quorate
    assert not decided(demo, review).decision.needs_ratification


def test_a_named_deputy_keeps_the_meeting_quorate(demo):
    """The police seat's deputy attends for them; the core role is represented."""
    review = met(demo, circulated(demo), deputy_for="police_pvp")
    verdict = meeting_verdict(review.meetings.get())
    assert verdict.quorate
    deputy = Attendance.objects.get(status="deputy")
    assert deputy.person.full_name == "Devon Okafor" and deputy.attending_for.role_key == "police_pvp"


def test_kingston_richmond_needs_each_statutory_partner(demo):
    """Kingston & Richmond: with the police seat away the verdict says police are not represented."""
    review = met(demo, circulated(demo, group="subgroup"), away="detective_inspector_mps")
    verdict = meeting_verdict(review.meetings.get())
    assert not verdict.quorate and "police" in verdict.summary


def test_recording_the_meeting_moves_the_review_and_audits_the_verdict(demo):
    """The review becomes meeting held; the audit row carries the verdict summary."""
    review = met(demo, circulated(demo), away="police_pvp")
    assert review.status == "meeting_held"
    meeting = review.meetings.get()
    event = AuditEvent.objects.get(target_type="meetings.meeting", target_id=str(meeting.pk))
    assert event.changes["quorum"][1].startswith("Not quorate")


def test_a_deputy_without_a_seat_is_refused(demo):
    """A deputy row must say whom the person stands in for; nothing is saved."""
    review = circulated(demo)
    rows = attendance_all(review.group)
    rows.append({"person": Person.objects.get(full_name="Lewis Ambrose"), "status": "deputy", "attending_for": None})
    with pytest.raises(ValidationError, match="attended for"):
        rapid_review_meeting_record(actor=demo["admin"], review=review, starts_at=MEETING, mode="virtual",
                                    place="", attendance=rows)
    assert not Meeting.objects.exists() and RapidReview.objects.get(pk=review.pk).status == "pack_circulated"


def test_a_second_meeting_record_is_refused(demo):
    """A double click does not record the meeting twice."""
    review = met(demo, circulated(demo))
    with pytest.raises(ValidationError):
        met(demo, review)
    assert Meeting.objects.count() == 1


def _post_data(review, **changes):
    data = {"starts_on": "2026-01-09", "start_time": "10:00", "mode": "in_person", "place": "Room 1"}
    for m in review.group.memberships.filter(end_date__isnull=True):
        data[f"status_{m.pk}"] = "present"
    return {**data, **changes}


def test_meeting_page_shows_the_verdict_after_saving(demo, client):
    """The business team records attendance on the page; the review page then shows the verdict and a warning."""
    review = circulated(demo)
    sign_in(client, demo["admin"])
    url = reverse("reviews:meeting_record", args=[review.pk])
    page = client.get(url).content.decode()
    assert "Imogen Tate" in page and "Partnership Team Manager" in page
    bea = seat(review.group, "partnership_team_manager")
    response = client.post(url, _post_data(review, **{f"status_{bea.pk}": "absent"}), follow=True)
    body = response.content.decode()
    assert response.status_code == 200 and "Not quorate" in body and "will need ratification" in body


def test_meeting_page_deputy_needs_a_person(demo, client):
    """Choosing "a deputy attended" without saying who shows a message by the field and saves nothing."""
    review = circulated(demo)
    sign_in(client, demo["admin"])
    bea = seat(review.group, "partnership_team_manager")
    response = client.post(reverse("reviews:meeting_record", args=[review.pk]),
                           _post_data(review, **{f"status_{bea.pk}": "deputy", f"deputy_{bea.pk}": ""}))
    assert response.status_code == 400
    assert "Choose who attended for Bea Kowalczyk" in response.content.decode()
    assert not Meeting.objects.exists()


def test_meeting_in_the_future_is_refused_on_the_page(demo, client):
    """A meeting date after today is refused beside the date field."""
    review = circulated(demo)
    sign_in(client, demo["admin"])
    response = client.post(reverse("reviews:meeting_record", args=[review.pk]),
                           _post_data(review, starts_on="2099-01-09"))
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()


def test_a_member_cannot_be_their_own_deputy(demo):
    """Marking a member as their own deputy is refused with a message naming them."""
    review = circulated(demo)
    police = seat(review.group, "police_pvp")
    rows = [r for r in attendance_all(review.group) if r["person"] != police.person]
    rows.append({"person": police.person, "status": "deputy", "attending_for": police})
    with pytest.raises(ValidationError, match="Marcus Achterberg cannot be their own deputy"):
        rapid_review_meeting_record(actor=demo["admin"], review=review, starts_at=MEETING, mode="virtual",
                                    place="", attendance=rows)
