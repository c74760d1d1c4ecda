"""Recording attendance: the verdict of the recorded rows for both seed groups, validation, and the page
(saved verdict shown at once; "Check quorum" shows a verdict without saving)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casereview.audit.models import AuditEvent
from casereview.meetings.attendance_selectors import explain, rows_verdict, saved_rows
from casereview.meetings.attendance_services import attendance_record
from casereview.meetings.models import Attendance
from casereview.partnerships.models import Role
from tests.actions.governance_helpers import (  # noqa: F401  (gov is a fixture)
    CRS_QUORATE,
    KENT_CORE,
    gov,
    invite,
    meeting_on,
    person,
    record,
    row,
)
from tests.conftest import PersonFactory, sign_in, user_with_role

DAY = date(2025, 11, 4)


def _reason(meeting, name):
    rows = saved_rows(meeting)
    return next(p for p in explain(rows_verdict(meeting, rows), rows)["people"] if name in p["name"])


def test_subgroup_quorate_with_a_police_deputy(gov):  # noqa: F811
    """Case Review Subgroup: LA member, the police member's deputy and a health member → quorate."""
    meeting = meeting_on(gov["crs"], DAY)
    verdict = record(gov, meeting, CRS_QUORATE + (("Devon", "apologies"),))
    assert verdict.quorate
    priya = _reason(meeting, "Priya")
    assert priya["counted"] and priya["state"] == "Deputy attending for Devon Okafor"
    assert priya["why"] == "deputy for Devon Okafor (Detective Inspector), counts for police"
    assert Attendance.objects.get(meeting=meeting, person=person("Priya")).attending_for.person == person("Devon")


def test_subgroup_not_quorate_without_police(gov):  # noqa: F811
    """Without the police member or a deputy the subgroup is not quorate, and the verdict says why."""
    meeting = meeting_on(gov["crs"], DAY)
    verdict = record(gov, meeting, (("Ayla", "present"), ("Helena", "present"), ("Devon", "apologies")))
    assert not verdict.quorate and verdict.summary == "Not quorate: police is not represented"


def test_deputy_does_not_count_while_the_member_is_there(gov):  # noqa: F811
    """A deputy counts only when the member they stand in for is absent."""
    meeting = meeting_on(gov["crs"], DAY)
    record(gov, meeting, CRS_QUORATE + (("Devon", "present"),))
    assert _reason(meeting, "Priya")["counted"] is False
    assert "Devon Okafor is present in person" in _reason(meeting, "Priya")["why"]


def test_kent_co_opted_adviser_never_makes_it_quorate(gov):  # noqa: F811
    """Rapid Review Group: four core roles and the co-opted legal adviser → not quorate; she never counts."""
    meeting = meeting_on(gov["kent"], DAY, kind="rapid_review")
    spec = [(name, "present") for name in KENT_CORE if name != "Marcus"] + [("Saoirse", "present")]
    verdict = record(gov, meeting, spec)
    assert not verdict.quorate and verdict.shortfalls[0].startswith("missing Detective Superintendent")
    assert _reason(meeting, "Saoirse")["counted"] is False


def test_kent_co_opted_person_shown_as_not_counting(gov):  # noqa: F811
    """Someone co-opted for the meeting is shown as "co-opted: does not count towards quorum"."""
    meeting = meeting_on(gov["kent"], DAY, kind="rapid_review")
    verdict = record(gov, meeting, [(name, "present") for name in KENT_CORE] + [("Grace", "co_opted")])
    assert verdict.quorate
    grace = _reason(meeting, "Grace")
    assert grace == {"name": "Grace Muldoon", "state": "Co-opted", "counted": False,
                     "why": "co-opted: does not count towards quorum"}


def test_kent_deputy_for_the_police_core_role(gov):  # noqa: F811
    """Rapid Review Group: Devon deputising for Marcus fills the police core role."""
    meeting = meeting_on(gov["kent"], DAY, kind="rapid_review")
    spec = [(name, "present") for name in KENT_CORE if name != "Marcus"] + [("Devon", "deputy", "Marcus")]
    assert record(gov, meeting, spec).quorate


@pytest.mark.parametrize("rows, message", [
    ([("Ayla", "present"), ("Devon", "co_opted")], "Devon Okafor is a member of Case Review Subgroup: record them "
                                                   "as present, not co-opted"),
    ([("Ayla", "present"), ("Priya", "deputy")], "Say which member of Case Review Subgroup Priya Lindqvist "
                                                 "attended for"),
    ([("Ayla", "present"), ("Ayla", "apologies")], "Ayla Brennan is listed more than once: a person can attend in "
                                                   "one capacity only"),
    ([("Ayla", "apologies")], "Record at least one person who attended"),
    ([("Ayla", "maybe")], "Say whether Ayla Brennan was present, a deputy, co-opted, sent apologies or was absent"),
    ([("Ayla", "present"), ("Tomasz", "deputy", "Ayla"), ("Ayla", "deputy", "Ayla")],
     "Ayla Brennan cannot be their own deputy: choose present instead"),
])
def test_attendance_refused_with_a_clear_message(gov, rows, message):  # noqa: F811
    """Bad rows are refused and nothing is saved."""
    meeting = meeting_on(gov["crs"], DAY)
    with pytest.raises(ValidationError) as caught:
        record(gov, meeting, rows)
    assert message in caught.value.messages
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_another_partnerships_person_is_refused(gov):  # noqa: F811
    """Only the partnership's own people can be recorded."""
    meeting = meeting_on(gov["crs"], DAY)
    stranger = PersonFactory(full_name="Stranger Danger")
    with pytest.raises(ValidationError) as caught:
        attendance_record(actor=gov["admin"], meeting=meeting, rows=[
            row("Ayla"), {"person": stranger, "status": "present", "attending_for": None}])
    assert "Stranger Danger is not one of this partnership's people" in caught.value.messages


def test_only_the_business_team_records_attendance(gov):  # noqa: F811
    """A chair can read the meeting but not record its attendance."""
    meeting = meeting_on(gov["crs"], DAY)
    chair = user_with_role(gov["crs"].partnership, Role.CHAIR)
    with pytest.raises(PermissionDenied):
        attendance_record(actor=chair, meeting=meeting, rows=[row("Ayla")])


def test_recording_replaces_the_rows_and_is_audited(gov):  # noqa: F811
    """Saving again replaces the attendance; each save writes an audit row with the verdict before and after."""
    meeting = meeting_on(gov["crs"], DAY)
    record(gov, meeting, (("Ayla", "present"),))
    record(gov, meeting, CRS_QUORATE)
    assert Attendance.objects.filter(meeting=meeting).count() == 3
    event = AuditEvent.objects.filter(target_type="meetings.meeting", target_id=str(meeting.pk)).order_by("seq").last()
    assert event.changes["quorum"] == ["Not quorate: police and health are not represented", "Quorate"]


def test_cancelled_meeting_has_no_attendance(gov):  # noqa: F811
    """A cancelled meeting refuses attendance."""
    meeting = meeting_on(gov["crs"], DAY, status="cancelled")
    with pytest.raises(ValidationError) as caught:
        record(gov, meeting, CRS_QUORATE)
    assert caught.value.messages == ["The meeting was cancelled: there is no attendance to record"]


# --- the page ---

def _post_data(meeting, statuses: dict, extra=None):
    """Form data for the attendance page: statuses by first name for the invitees, plus added rows."""
    data = {}
    for name, value in statuses.items():
        status, seat = value if isinstance(value, tuple) else (value, "")
        who = person(name)
        data[f"status_{who.pk}"] = status
        data[f"for_{who.pk}"] = str(seat.pk) if seat else ""
    for n, (name, status) in enumerate(extra or []):
        data[f"person_new{n}"], data[f"status_new{n}"] = str(person(name).pk), status
    return data


def _invited(gov):  # noqa: F811
    meeting = meeting_on(gov["crs"], DAY)
    for name in ("Ayla", "Helena"):
        invite(meeting, name)
    invite(meeting, "Devon", "apologies")
    invite(meeting, "Priya", "accepted", deputy_for="Devon")
    return meeting


def test_page_lists_a_row_per_invitee_with_suggested_statuses(client, gov):  # noqa: F811
    """Each invitee has a row; the deputy's row suggests the member's seat."""
    meeting = _invited(gov)
    sign_in(client, gov["admin"])
    response = client.get(f"/meetings/{meeting.pk}/attendance/")
    assert response.status_code == 200
    form = response.context["form"]
    priya = person("Priya")
    assert form[f"status_{priya.pk}"].value() == "deputy"
    assert form[f"for_{priya.pk}"].value() == str(meeting.invitations.get(person=priya).seat_id)
    assert form[f"status_{person('Devon').pk}"].value() == "apologies"
    assert "Invited as deputy for Devon Okafor (accepted)" in response.content.decode()


def test_saving_shows_the_verdict_at_once(client, gov):  # noqa: F811
    """Save → the page shows the recorded verdict with its reasons."""
    from tests.actions.governance_helpers import seat

    meeting = _invited(gov)
    sign_in(client, gov["admin"])
    data = _post_data(meeting, {"Ayla": "present", "Helena": "present", "Devon": "apologies",
                                "Priya": ("deputy", seat(gov["crs"], "Devon"))}, extra=[("Saoirse", "co_opted")])
    response = client.post(f"/meetings/{meeting.pk}/attendance/", {**data, "save": "1"}, follow=True)
    page = response.content.decode()
    assert "Attendance saved. Quorate." in page
    assert "Quorum of the recorded attendance" in page and "counts for police" in page
    assert "Co-opted: does not count towards quorum" in page
    assert Attendance.objects.filter(meeting=meeting).count() == 5


def test_check_quorum_does_not_save(client, gov):  # noqa: F811
    """"Check quorum" shows the verdict for the submitted rows without saving them."""
    meeting = _invited(gov)
    sign_in(client, gov["admin"])
    data = _post_data(meeting, {"Ayla": "present", "Helena": "present", "Devon": "apologies", "Priya": "absent"})
    response = client.post(f"/meetings/{meeting.pk}/attendance/", {**data, "check": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "not saved" in page and "Not quorate: police is not represented." in page
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_deputy_without_a_member_is_an_error_beside_the_field(client, gov):  # noqa: F811
    """Choosing "deputy" without the member's seat gives a message by the field and a 400."""
    meeting = _invited(gov)
    sign_in(client, gov["admin"])
    data = _post_data(meeting, {"Ayla": "present", "Helena": "present", "Devon": "apologies", "Priya": "deputy"})
    response = client.post(f"/meetings/{meeting.pk}/attendance/", {**data, "save": "1"})
    assert response.status_code == 400
    assert "Choose the member Priya Lindqvist attended for" in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_unanswered_invitee_must_be_given_a_status(client, gov):  # noqa: F811
    """An invitee with no answer has no suggested status, so the business team must say."""
    meeting = meeting_on(gov["crs"], DAY)
    invite(meeting, "Ayla", "invited")
    sign_in(client, gov["admin"])
    response = client.post(f"/meetings/{meeting.pk}/attendance/", {"save": "1"})
    assert response.status_code == 400
    assert "Say whether Ayla Brennan was present" in response.content.decode()


def test_attendance_part_queries_do_not_grow_with_people(gov):  # noqa: F811
    """The attendance part of the meeting page costs the same with three people or eight."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casereview.meetings.attendance_selectors import attendance_part

    def cost(meeting):
        with CaptureQueriesContext(connection) as captured:
            attendance_part(meeting, gov["admin"], DAY)
        return len(captured)

    small, large = meeting_on(gov["crs"], DAY), meeting_on(gov["crs"], DAY)
    for name in ("Ayla", "Devon", "Helena"):
        invite(small, name)
    for name in ("Ayla", "Devon", "Helena", "Farid", "Grace", "Oluwaseun", "Tomasz"):
        invite(large, name)
    invite(large, "Priya", deputy_for="Devon")
    assert cost(small) == cost(large)
    record(gov, small, CRS_QUORATE)
    record(gov, large, CRS_QUORATE + (("Farid", "present"), ("Grace", "present"), ("Saoirse", "co_opted")))
    assert cost(small) == cost(large)
