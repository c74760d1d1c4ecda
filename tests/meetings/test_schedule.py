"""Scheduling, changing and cancelling meetings through the real services: invitations for everyone on the
group that day, ICS e-mails that arrive at the SMTP server, SEQUENCE on change, CANCEL on cancellation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from casereview.audit.models import AuditEvent
from casereview.meetings.ics import meeting_uid
from casereview.meetings.schedule_services import london_start, meeting_cancel, meeting_update
from casereview.partnerships.models import Membership
from tests.meetings.test_schedule_support import (  # noqa: F401  (demo_fixture is a fixture)
    a_weekday_ahead,
    autumn_change,
    calendar_of,
    calendar_part,
    demo_fixture,
    event_of,
    inbox_for,
    spring_change,
)

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


# --- the London wall clock -----------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "at", "utc"), [
    (date(2026, 3, 27), time(10, 0), datetime(2026, 3, 27, 10, 0, tzinfo=UTC)),
    (date(2026, 3, 30), time(10, 0), datetime(2026, 3, 30, 9, 0, tzinfo=UTC)),
    (date(2026, 3, 29), time(0, 59), datetime(2026, 3, 29, 0, 59, tzinfo=UTC)),
    (date(2026, 3, 29), time(2, 0), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
    (date(2026, 10, 23), time(10, 0), datetime(2026, 10, 23, 9, 0, tzinfo=UTC)),
    (date(2026, 10, 26), time(10, 0), datetime(2026, 10, 26, 10, 0, tzinfo=UTC)),
    (date(2026, 10, 25), time(2, 0), datetime(2026, 10, 25, 2, 0, tzinfo=UTC)),
])
def test_london_start_table(day, at, utc):
    """A UK wall time becomes the right instant in GMT and in BST."""
    assert london_start(day, at) == utc


@pytest.mark.parametrize(("day", "at", "words"), [
    (date(2026, 3, 29), time(1, 0), "There is no 1am on Sunday 29 March 2026: the clocks go forward"),
    (date(2026, 3, 29), time(1, 30), "There is no 1:30am on Sunday 29 March 2026"),
    (date(2026, 10, 25), time(1, 30), "1:30am happens twice on Sunday 25 October 2026: the clocks go back"),
    (date(2026, 10, 25), time(1, 0), "1am happens twice"),
])
def test_missing_and_repeated_times_are_refused_with_a_reason(day, at, words):
    """The skipped hour in March and the repeated hour in October are refused on the time field."""
    with pytest.raises(ValidationError) as caught:
        london_start(day, at)
    assert words in caught.value.message_dict["start_time"][0]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)), st.times())
def test_london_start_keeps_the_wall_time_or_refuses(day, at):
    """Every accepted date and time shows again as the same wall time in London; only 1am-2am is refused."""
    at = at.replace(microsecond=0)
    try:
        start = london_start(day, at)
    except ValidationError:
        assert at.hour == 1 and day.month in (3, 10)
    else:
        local = start.astimezone(LONDON)
        assert (local.date(), local.time()) == (day, at)


# --- scheduling ------------------------------------------------------------------------------------------

def test_schedule_invites_everyone_on_the_group_that_day_and_records_it(demo, django_capture_on_commit_callbacks):
    """The meeting is scheduled at sequence 0; each current member is invited for their seat; audited."""
    with django_capture_on_commit_callbacks(execute=False):
        meeting = demo.schedule()
    assert (meeting.status, meeting.sequence, meeting.created_by) == ("scheduled", 0, demo.manager)
    seats = {i.person.full_name: i.seat for i in meeting.invitations.select_related("person", "seat")}
    expected = {m.person.full_name: m for m in Membership.objects.filter(group=demo.subgroup)}
    assert seats == expected
    assert {p.full_name for p in meeting.chairs.all()} == {"Ayla Brennan", "Helena Strand"}
    event = AuditEvent.objects.get(target_type="meetings.meeting", target_id=str(meeting.pk), verb="created")
    assert event.changes["mode"] == [None, "virtual"]
    assert sorted(event.changes["invited"][1]) == sorted(expected)


def test_co_opted_and_future_or_ended_seats(demo):
    """Co-opted members current on the day are invited; a seat ended before, or starting after, is not."""
    saoirse = demo.person("Saoirse")
    rowan_seat = Membership.objects.get(group=demo.rapid, person__full_name="Rowan Fairweather")
    rowan_seat.end_date = date(2025, 1, 1)
    rowan_seat.save()
    day = a_weekday_ahead()
    Membership.objects.create(partnership=demo.rapid.partnership, group=demo.rapid, person=demo.person("Grace"),
                              role_title="Named nurse", start_date=day + timedelta(days=1))
    meeting = demo.schedule(group=demo.rapid, kind="rapid_review", starts_on=day)
    invited = {i.person for i in meeting.invitations.all()}
    assert saoirse in invited
    assert demo.person("Rowan") not in invited and demo.person("Grace") not in invited
    assert meeting.invitations.get(person=saoirse).seat.co_opted


def test_every_invitee_gets_an_ics_request_by_smtp(demo, smtp_inbox, django_capture_on_commit_callbacks):
    """Each invitee with an address gets one e-mail with a text/calendar; method=REQUEST part; none without."""
    grace = demo.person("Grace")
    grace.email = ""
    grace.save()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = demo.schedule(title="Quarterly business meeting")
    addresses = sorted(m["To"] for m in smtp_inbox.messages)
    invited = sorted(i.person.email for i in meeting.invitations.select_related("person") if i.person.email)
    assert addresses == invited and len(invited) == 5
    message = inbox_for(smtp_inbox, "member@northmoor.example")[0]
    part = calendar_part(message)
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST" and part.get_content_charset() == "utf-8"
    assert message["Subject"].startswith("Invitation: Quarterly business meeting")
    calendar = calendar_of(message)
    [event] = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "REQUEST" and str(event["UID"]) == meeting_uid(meeting)
    assert len(event["ATTENDEE"]) == 5  # Grace has no address, so is not listed
    assert str(event["ORGANIZER"]) == f"mailto:{demo.manager.email}"
    sent = meeting.invitations.get(person=grace)
    assert (sent.sent_at, sent.sent_sequence) == (None, -1)
    assert meeting.invitations.exclude(person=grace).filter(sent_sequence=0, sent_at__isnull=False).count() == 5


@pytest.mark.parametrize(("offset_days", "utc_hour", "offset"), [(-2, 10, "+0000"), (1, 9, "+0100")])
def test_spring_clock_change_in_the_emailed_ics(demo, smtp_inbox, django_capture_on_commit_callbacks, offset_days,
                                                utc_hour, offset):
    """10:00 on the Friday before the clocks go forward is 10:00Z; on the Monday after, 09:00Z."""
    day = spring_change() + timedelta(days=offset_days)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = demo.schedule(starts_on=day)
    assert meeting.starts_at == datetime(day.year, day.month, day.day, utc_hour, tzinfo=UTC)
    start = event_of(smtp_inbox.messages[0]).decoded("DTSTART")
    assert (start.date(), start.hour, start.minute) == (day, 10, 0)
    assert start.strftime("%z") == offset


@pytest.mark.parametrize(("offset_days", "utc_hour"), [(-2, 9), (1, 10)])
def test_autumn_clock_change(demo, offset_days, utc_hour):
    """10:00 on the Friday before the clocks go back is 09:00Z; on the Monday after, 10:00Z."""
    day = autumn_change() + timedelta(days=offset_days)
    assert demo.schedule(starts_on=day).starts_at.astimezone(UTC).hour == utc_hour


@pytest.mark.parametrize(("overrides", "field"), [
    ({"mode": "in_person", "place": "  "}, "place"),
    ({"mode": "virtual", "link": "meet.example.org"}, "link"),
    ({"chairs": []}, "chairs"),
    ({"starts_on": date(2020, 1, 7)}, "starts_on"),
    ({"duration_minutes": 5}, "duration_minutes"),
    ({"kind": "picnic"}, "kind"),
    ({"start_time": time(1, 30), "starts_on": "spring"}, "start_time"),
])
def test_schedule_refusals_name_the_field_and_save_nothing(demo, overrides, field):
    """Each bad detail is refused beside its field and no meeting is made."""
    if overrides.get("starts_on") == "spring":
        overrides["starts_on"] = spring_change()
    with pytest.raises(ValidationError) as caught:
        demo.schedule(**overrides)
    assert field in caught.value.message_dict
    assert not demo.subgroup.meetings.exists()


def test_a_chair_must_be_someone_who_may_chair(demo):
    """Kent's terms let only the Director chair the rapid review group."""
    with pytest.raises(ValidationError) as caught:
        demo.schedule(group=demo.rapid, kind="rapid_review", chairs=[demo.person("Marcus")])
    assert "chairs" in caught.value.message_dict


def test_a_mode_the_terms_do_not_allow_is_refused(demo):
    """A group whose terms allow only virtual meetings cannot meet in person."""
    from casereview.domain.presets import load_preset
    from casereview.partnerships.terms_services import terms_version_create

    document = {**load_preset("kent-rapid-review-group"), "group_name": demo.rapid.name}
    document["meetings"] = {**document["meetings"], "modes": ["virtual"]}
    terms_version_create(actor=demo.manager, group=demo.rapid, document=document, effective_from=date(2026, 1, 1),
                         change_note="Virtual only.")
    with pytest.raises(ValidationError) as caught:
        demo.schedule(group=demo.rapid, kind="rapid_review", mode="in_person", place="Room 1")
    assert "allow only virtual meetings" in caught.value.message_dict["mode"][0]


def test_a_rapid_review_of_another_group_cannot_be_linked(demo):
    """The linked review must be the meeting group's, and only on a rapid review meeting."""
    from tests.web.test_role_urls import _a_review

    review = _a_review(demo.subgroup.partnership)  # a review of the Rapid Review Group
    with pytest.raises(ValidationError) as caught:
        demo.schedule(kind="rapid_review", rapid_review=review)
    assert "rapid_review" in caught.value.message_dict
    with pytest.raises(ValidationError):
        demo.schedule(group=demo.rapid, kind="business", rapid_review=review)
    meeting = demo.schedule(group=demo.rapid, kind="rapid_review", rapid_review=review)
    assert meeting.rapid_review == review


# --- changes and cancellation ----------------------------------------------------------------------------

def _details(meeting, **changes):
    local = meeting.starts_at.astimezone(LONDON)
    values = {"title": meeting.title, "starts_on": local.date(), "start_time": local.time(),
              "duration_minutes": meeting.duration_minutes, "mode": meeting.mode, "place": meeting.place,
              "link": meeting.link, "chairs": list(meeting.chairs.all())}
    return {**values, **changes}


def test_a_change_of_time_raises_sequence_and_sends_the_same_uid(demo, smtp_inbox,
                                                                 django_capture_on_commit_callbacks):
    """Moving the meeting sends everyone an updated REQUEST: same UID, SEQUENCE 1, new time; audited."""
    with django_capture_on_commit_callbacks(execute=True):
        meeting = demo.schedule()
    smtp_inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_update(actor=demo.manager, meeting=meeting, **_details(meeting, start_time=time(14, 0)))
    assert meeting.sequence == 1
    assert len(smtp_inbox.messages) == 6
    message = smtp_inbox.messages[0]
    assert message["Subject"].startswith("Updated invitation")
    event = event_of(message)
    assert event["SEQUENCE"] == 1 and str(event["UID"]) == meeting_uid(meeting)
    assert event.decoded("DTSTART").hour == 14
    audit = AuditEvent.objects.filter(target_type="meetings.meeting", verb="updated").latest("seq")
    assert audit.changes["sequence"] == [0, 1]
    old, new = audit.changes["starts_at"]
    assert datetime.fromisoformat(new) - datetime.fromisoformat(old) == timedelta(hours=4)


def test_a_change_of_chairs_only_is_recorded_but_not_sent(demo, smtp_inbox, django_capture_on_commit_callbacks):
    """Chairs are not in the calendar entry's time or place: no new SEQUENCE, no e-mail."""
    meeting = demo.schedule()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_update(actor=demo.manager, meeting=meeting,
                                 **_details(meeting, chairs=[demo.person("Helena")]))
    assert meeting.sequence == 0 and smtp_inbox.messages == []
    audit = AuditEvent.objects.filter(target_type="meetings.meeting", verb="updated").latest("seq")
    assert audit.changes == {"chairs": [["Ayla Brennan", "Helena Strand"], ["Helena Strand"]]}


def test_cancel_sends_cancel_with_status_cancelled_to_everyone(demo, smtp_inbox,
                                                               django_capture_on_commit_callbacks):
    """Cancelling moves scheduled to cancelled, raises SEQUENCE and sends METHOD:CANCEL to all invited."""
    meeting = demo.schedule()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_cancel(actor=demo.manager, meeting=meeting, reason="Chairs unavailable")
    assert (meeting.status, meeting.cancelled_reason, meeting.sequence) == ("cancelled", "Chairs unavailable", 1)
    assert len(smtp_inbox.messages) == 6
    message = smtp_inbox.messages[0]
    assert calendar_part(message).get_param("method") == "CANCEL"
    assert "Chairs unavailable" not in message.as_string()
    calendar = calendar_of(message)
    [event] = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "CANCEL" and event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1
    assert AuditEvent.objects.filter(target_type="meetings.meeting", verb="cancelled").count() == 1


def test_cancel_needs_a_reason(demo):
    """No reason, no cancellation."""
    meeting = demo.schedule()
    with pytest.raises(ValidationError) as caught:
        meeting_cancel(actor=demo.manager, meeting=meeting, reason="  ")
    assert "reason" in caught.value.message_dict
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"


@pytest.mark.parametrize("status", ["cancelled", "held"])
def test_a_held_or_cancelled_meeting_cannot_be_changed_or_cancelled(demo, status):
    """Only a scheduled meeting changes; the refusal says why."""
    meeting = demo.schedule()
    type(meeting).objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        meeting_update(actor=demo.manager, meeting=meeting, **_details(meeting, title="New"))
    assert status in caught.value.messages[0]
    with pytest.raises(ValidationError):
        meeting_cancel(actor=demo.manager, meeting=meeting, reason="Again")
    meeting.refresh_from_db()
    assert (meeting.title, meeting.sequence) == ("", 0)


def test_only_the_business_team_schedules(demo):
    """A member cannot schedule, change or cancel."""
    from django.core.exceptions import PermissionDenied

    from casereview.accounts.models import User
    from casereview.meetings.schedule_services import meeting_schedule

    member = User.objects.get(username="member")
    with pytest.raises(PermissionDenied):
        meeting_schedule(actor=member, group=demo.subgroup, kind="business", starts_on=a_weekday_ahead(),
                         start_time=time(10), duration_minutes=60, mode="virtual", link="https://x.example",
                         chairs=[demo.person("Ayla")])
    meeting = demo.schedule()
    with pytest.raises(PermissionDenied):
        meeting_cancel(actor=member, meeting=meeting, reason="No")
