"""Marking a meeting held (its date, its attendance, the MEETING lifecycle), the quorum stored with it, and
ratification of the decisions of an inquorate meeting at a later quorate meeting of the same group."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from casereview.audit.models import AuditEvent
from casereview.meetings.attendance_services import meeting_mark_held
from casereview.meetings.minutes_services import minute_entry_ratify, minutes_save
from casereview.meetings.models import MinuteEntry
from tests.actions.governance_helpers import CRS_QUORATE, gov, held, meeting_on, record  # noqa: F401
from tests.conftest import sign_in

DAY = date(2025, 11, 4)
INQUORATE = (("Ayla", "present"), ("Helena", "present"), ("Devon", "apologies"))


def _minute(gov, meeting, decisions: dict[str, str]):  # noqa: F811
    """Draft minutes with the given decision text per agenda item title."""
    items = {i.title: i for i in meeting.items.all()}
    minutes_save(actor=gov["admin"], meeting=meeting, entries=[
        {"key": f"item{items[t].pk}", "item_id": items[t].pk, "discussion": "Discussed (fictional).",
         "decision": d, "action": None} for t, d in decisions.items()])
    return {e.item.title: e for e in MinuteEntry.objects.filter(minutes__meeting=meeting)}


def test_held_before_the_meeting_day_is_refused(gov):  # noqa: F811
    """A meeting can be marked held only on or after its date."""
    meeting = meeting_on(gov["crs"], DAY)
    record(gov, meeting, CRS_QUORATE)
    with pytest.raises(ValidationError) as caught:
        meeting_mark_held(actor=gov["admin"], meeting=meeting, today=DAY - timedelta(days=1))
    assert caught.value.messages == ["The meeting is on Tuesday 4 November 2025: it can be marked held on or after "
                                     "that day"]


def test_held_needs_attendance(gov):  # noqa: F811
    """Without recorded attendance the meeting cannot be marked held."""
    meeting = meeting_on(gov["crs"], DAY)
    with pytest.raises(ValidationError) as caught:
        meeting_mark_held(actor=gov["admin"], meeting=meeting, today=DAY)
    assert caught.value.messages == ["Record who attended before marking the meeting held"]


@pytest.mark.parametrize("status, message", [
    ("held", "A meeting that is held cannot become held; it can become nothing."),
    ("cancelled", "A meeting that is cancelled cannot become held; it can become nothing."),
])
def test_held_follows_the_meeting_lifecycle(gov, status, message):  # noqa: F811
    """Only a scheduled meeting can be marked held; the refusal says why."""
    meeting = meeting_on(gov["crs"], DAY, status=status)
    with pytest.raises(ValidationError) as caught:
        meeting_mark_held(actor=gov["admin"], meeting=meeting, today=DAY)
    assert caught.value.messages == [message]


def test_quorate_meeting_stores_its_verdict(gov):  # noqa: F811
    """Marked held: status held, quorate stored, and an audit row with the verdict."""
    meeting = held(gov, gov["crs"], DAY)
    assert meeting.status == "held" and meeting.quorate is True
    event = AuditEvent.objects.filter(target_type="meetings.meeting", target_id=str(meeting.pk)).order_by("seq").last()
    assert event.changes["status"] == ["scheduled", "held"] and event.changes["quorum"] == [None, "Quorate"]


def test_inquorate_meeting_flags_every_decision(gov):  # noqa: F811
    """Not quorate: every minute entry with a decision needs ratification; entries without one do not."""
    meeting = held(gov, gov["crs"], DAY, spec=INQUORATE, items=("Case A", "Training"))
    assert meeting.quorate is False
    entries = _minute(gov, meeting, {"Case A": "Agreed to commission a review.", "Training": ""})
    assert entries["Case A"].needs_ratification is True
    assert entries["Training"].needs_ratification is False


def test_decisions_already_minuted_are_flagged_when_marked_held(gov):  # noqa: F811
    """Correcting attendance after the meeting re-judges quorum and the flags follow."""
    meeting = held(gov, gov["crs"], DAY, items=("Case A",))
    entries = _minute(gov, meeting, {"Case A": "Agreed."})
    assert entries["Case A"].needs_ratification is False
    record(gov, meeting, INQUORATE)
    meeting.refresh_from_db()
    entries["Case A"].refresh_from_db()
    assert meeting.quorate is False and entries["Case A"].needs_ratification is True
    record(gov, meeting, CRS_QUORATE)
    entries["Case A"].refresh_from_db()
    assert entries["Case A"].needs_ratification is False


def test_meeting_page_says_decisions_need_ratification(client, gov):  # noqa: F811
    """The page says clearly that an inquorate meeting's decisions need ratification."""
    meeting = held(gov, gov["crs"], DAY, spec=INQUORATE)
    sign_in(client, gov["admin"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Not quorate: decisions of this meeting need ratification at a later quorate meeting." in page


def test_mark_held_page_refusal_is_a_400_with_the_reason(client, gov):  # noqa: F811
    """Pressing "Mark as held" too early re-shows the meeting page with the reason."""
    meeting = meeting_on(gov["crs"], date(2099, 1, 6))
    sign_in(client, gov["admin"])
    response = client.post(f"/meetings/{meeting.pk}/held/")
    assert response.status_code == 400
    assert "it can be marked held on or after that day" in response.content.decode()


def test_mark_held_page_redirects_with_the_verdict(client, gov):  # noqa: F811
    """A past meeting with attendance is marked held from the meeting page."""
    meeting = meeting_on(gov["crs"], DAY)
    record(gov, meeting, INQUORATE)
    sign_in(client, gov["admin"])
    response = client.post(f"/meetings/{meeting.pk}/held/", follow=True)
    assert "Meeting marked held. Not quorate" in response.content.decode()


# --- ratification ---

@pytest.fixture
def inquorate_decision(gov):  # noqa: F811
    meeting = held(gov, gov["crs"], DAY, spec=INQUORATE, items=("Case A",))
    return meeting, _minute(gov, meeting, {"Case A": "Agreed to commission a review."})["Case A"]


def test_ratified_at_a_later_quorate_meeting(gov, inquorate_decision):  # noqa: F811
    """A later held quorate meeting of the same group ratifies the decision; the change is audited."""
    meeting, entry = inquorate_decision
    later = held(gov, gov["crs"], DAY + timedelta(days=91))
    minute_entry_ratify(actor=gov["admin"], meeting=meeting, entry_pk=entry.pk, at_meeting=later)
    entry.refresh_from_db()
    assert entry.ratified_at == later
    assert AuditEvent.objects.filter(target_type="meetings.minuteentry", target_id=str(entry.pk)).exists()


@pytest.mark.parametrize("case, message", [
    ("earlier", "choose one of those listed"),
    ("inquorate", "choose one of those listed"),
    ("other_group", "choose one of those listed"),
    ("scheduled", "choose one of those listed"),
    ("none", "Choose the later quorate meeting that ratified the decision"),
])
def test_ratification_refused_at_the_wrong_meeting(gov, inquorate_decision, case, message):  # noqa: F811
    """Only a later, held, quorate meeting of the same group can ratify."""
    meeting, entry = inquorate_decision
    at = {
        "earlier": lambda: held(gov, gov["crs"], DAY - timedelta(days=91)),
        "inquorate": lambda: held(gov, gov["crs"], DAY + timedelta(days=91), spec=INQUORATE),
        "other_group": lambda: meeting_on(gov["kent"], DAY + timedelta(days=7), status="held", quorate=True),
        "scheduled": lambda: meeting_on(gov["crs"], DAY + timedelta(days=91)),
        "none": lambda: None,
    }[case]()
    with pytest.raises(ValidationError) as caught:
        minute_entry_ratify(actor=gov["admin"], meeting=meeting, entry_pk=entry.pk, at_meeting=at)
    assert any(message in m for m in caught.value.messages)
    entry.refresh_from_db()
    assert entry.ratified_at is None


def test_quorate_decision_needs_no_ratification(gov):  # noqa: F811
    """A decision of a quorate meeting cannot be "ratified"."""
    meeting = held(gov, gov["crs"], DAY, items=("Case A",))
    entry = _minute(gov, meeting, {"Case A": "Agreed."})["Case A"]
    later = held(gov, gov["crs"], DAY + timedelta(days=91))
    with pytest.raises(ValidationError) as caught:
        minute_entry_ratify(actor=gov["admin"], meeting=meeting, entry_pk=entry.pk, at_meeting=later)
    assert "does not need ratification" in caught.value.messages[0]


def test_ratify_from_the_meeting_page(client, gov, inquorate_decision):  # noqa: F811
    """The page offers the later quorate meetings; posting one records the ratification."""
    meeting, entry = inquorate_decision
    later = held(gov, gov["crs"], DAY + timedelta(days=91))
    sign_in(client, gov["admin"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Needs ratification" in page and f'<option value="{later.pk}">' in page
    assert client.post(f"/meetings/{meeting.pk}/minutes/{entry.pk}/ratify/", {"at_meeting": "junk"}).status_code == 400
    response = client.post(f"/meetings/{meeting.pk}/minutes/{entry.pk}/ratify/", {"at_meeting": str(later.pk)},
                           follow=True)
    assert "Ratified" in response.content.decode()
    entry.refresh_from_db()
    assert entry.ratified_at == later
