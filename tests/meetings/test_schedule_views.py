"""The meetings list with proposals from the cadence, and the schedule, change and cancel pages."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from casereview.accounts.models import User
from casereview.domain.clocks import format_date
from casereview.meetings.models import Meeting
from tests.conftest import GroupFactory, sign_in, user_with_role
from tests.meetings.test_schedule_support import a_weekday_ahead, demo_fixture, spring_change  # noqa: F401

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _signed_in(client, username="business.manager"):
    return sign_in(client, User.objects.get(username=username))


def _form(demo, **overrides):
    chairs = [str(m.person_id) for m in demo.subgroup.memberships.exclude(chair="")]
    return {"kind": "business", "title": "", "starts_on": a_weekday_ahead().isoformat(), "start_time": "10:00",
            "duration_minutes": "120", "mode": "virtual", "place": "", "link": "https://meet.example.org/crs",
            "rapid_review": "", "chairs": chairs, **overrides}


def _schedule_url(demo, group=None):
    return f"{reverse('meetings:schedule')}?group={(group or demo.subgroup).pk}"


def test_list_empty_states_and_kent_has_no_schedule(client, demo):
    """With no meetings, the list says so; the subgroup gets quarterly proposals; Kent's group is unscheduled."""
    page = _signed_in(client).get(reverse("meetings:list")).content.decode()
    assert "No meetings are scheduled" in page and "No past meetings" in page
    assert "Its terms of reference set quarterly business meetings" in page
    assert "No schedule is set by its terms of reference" in page
    assert "Schedule a meeting" in page


def test_proposals_follow_the_last_business_meeting(client, demo):
    """Proposals count three months on from the last scheduled business meeting, on working days, and link
    to a prefilled schedule form."""
    meeting = demo.schedule(starts_on=date(2027, 1, 12))
    demo.schedule(starts_on=date(2027, 2, 16), kind="extraordinary")  # not a business meeting: not the anchor
    page = _signed_in(client).get(reverse("meetings:list")).content.decode()
    assert "the last business meeting, Tuesday 12 January 2027" in page
    assert format_date(date(2027, 4, 12)) in page  # Monday 12 April 2027
    link = f"?group={demo.subgroup.pk}&amp;date=2027-04-12&amp;kind=business"
    assert link in page
    assert page.index("Tuesday 12 January 2027") < page.index("Proposed next business meetings")
    assert f'href="{reverse("meetings:detail", args=[meeting.pk])}"' in page


def test_readers_see_proposals_without_links_and_no_schedule_button(client, demo):
    """A member reads the list, but scheduling is for the business team."""
    page = _signed_in(client, "member").get(reverse("meetings:list")).content.decode()
    assert "Proposed next business meetings" in page
    assert "kind=business" not in page and "Schedule a meeting" not in page


def test_list_separates_upcoming_and_past_and_filters_by_group(client, demo):
    """Past meetings show under Past; ?group= shows one group's; a junk group shows every group."""
    soon = demo.schedule()
    past = Meeting.objects.create(partnership=demo.rapid.partnership, group=demo.rapid, kind="rapid_review",
                                  starts_at=datetime(2026, 3, 30, 10, tzinfo=LONDON), mode="virtual",
                                  status="held")
    client = _signed_in(client)
    page = client.get(reverse("meetings:list")).content.decode()
    assert page.index(f"/meetings/{soon.pk}/") < page.index("Past") < page.index(f"/meetings/{past.pk}/")
    assert "Monday 30 March 2026, 10am to midday" in page
    only = client.get(f"{reverse('meetings:list')}?group={demo.subgroup.pk}").content.decode()
    assert f"/meetings/{past.pk}/" not in only and f"/meetings/{soon.pk}/" in only
    junk = client.get(f"{reverse('meetings:list')}?group=abc").content.decode()
    assert f"/meetings/{past.pk}/" in junk


def test_schedule_form_is_prefilled_from_a_proposal(client, demo):
    """The date, kind and the group's co-chairs come preselected."""
    response = _signed_in(client).get(f"{_schedule_url(demo)}&date=2027-04-12&kind=business")
    form = response.context["form"]
    assert form.initial["starts_on"] == date(2027, 4, 12) and form.initial["kind"] == "business"
    assert sorted(form.initial["chairs"]) == sorted(str(demo.person(n).pk) for n in ("Ayla", "Helena"))
    page = response.content.decode()
    assert 'value="2027-04-12"' in page
    assert re.search(r'value="business"\s+checked="checked"', page)


def test_schedule_without_a_group_asks_for_one(client, demo):
    """With no (or a junk) group the page asks which group is meeting."""
    client = _signed_in(client)
    assert "Which group is meeting?" in client.get(reverse("meetings:schedule") + "?group=x").content.decode()
    response = client.post(reverse("meetings:schedule"), {})
    assert response.status_code == 400 and "Choose the group that is meeting" in response.content.decode()


def test_scheduling_through_the_page(client, demo):
    """A valid form schedules the meeting and goes to its page."""
    response = _signed_in(client).post(_schedule_url(demo), _form(demo, title="Quarterly business meeting"))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert meeting.title == "Quarterly business meeting" and meeting.invitations.count() == 6


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"mode": "in_person", "place": ""}, "place", "Enter where the meeting is"),
    ({"start_time": "25:99"}, "start_time", "Enter the start time as hours and minutes"),
    ({"start_time": "01:30", "starts_on": "spring"}, "start_time", "the clocks go forward"),
    ({"chairs": []}, "chairs", "Select at least one chair"),
    ({"starts_on": "2026-02-31"}, "starts_on", "must be a real date"),
    ({"link": "not a link"}, "link", "Enter the joining link"),
])
def test_schedule_errors_show_beside_the_field_with_400(client, demo, overrides, field, message):
    """Each bad input is shown next to its field, the page answers 400, and nothing is saved."""
    if overrides.get("starts_on") == "spring":
        overrides["starts_on"] = spring_change().isoformat()
    response = _signed_in(client).post(_schedule_url(demo), _form(demo, **overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    assert "There is a problem" in response.content.decode()
    assert not Meeting.objects.exists()


def test_edit_page_changes_the_meeting(client, demo):
    """The edit page shows the UK time and saves a change (raising the sequence)."""
    meeting = demo.schedule(starts_on=spring_change() + timedelta(days=1), start_time=time(9, 30))
    client = _signed_in(client)
    page = client.get(reverse("meetings:edit", args=[meeting.pk])).content.decode()
    assert 'value="09:30"' in page
    data = _form(demo, starts_on=(spring_change() + timedelta(days=1)).isoformat(), start_time="11:00")
    del data["kind"], data["rapid_review"]
    assert client.post(reverse("meetings:edit", args=[meeting.pk]), data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1 and meeting.starts_at.astimezone(LONDON).time() == time(11, 0)


def test_editing_a_cancelled_meeting_is_refused_with_400(client, demo):
    """A cancelled meeting's edit page explains; a POST is refused with the reason and nothing changes."""
    meeting = demo.schedule()
    client = _signed_in(client)
    assert client.post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": "Clash"}).status_code == 302
    page = client.get(reverse("meetings:edit", args=[meeting.pk])).content.decode()
    assert "This meeting was cancelled, so it can no longer be changed" in page
    data = _form(demo, title="Changed")
    response = client.post(reverse("meetings:edit", args=[meeting.pk]), data)
    assert response.status_code == 400
    assert "can no longer be changed" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.title, meeting.sequence, meeting.status) == ("", 1, "cancelled")


def test_cancel_page_needs_a_reason(client, demo):
    """An empty reason is shown beside the field with 400."""
    meeting = demo.schedule()
    response = _signed_in(client).post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": ""})
    assert response.status_code == 400 and response.context["form"].errors["reason"]
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"


def test_other_partnerships_meetings_are_not_found(client, demo):
    """Another partnership's business team gets 404 on every page of a meeting they cannot see."""
    other = GroupFactory().partnership
    client = sign_in(client, user_with_role(other, "business_team"))
    meeting = demo.schedule()
    invitation = meeting.invitations.first()
    for name, kwargs in [("meetings:detail", [meeting.pk]), ("meetings:edit", [meeting.pk]),
                         ("meetings:cancel", [meeting.pk]), ("meetings:invite", [meeting.pk]),
                         ("meetings:apologies", [meeting.pk, invitation.pk]),
                         ("meetings:invitation_respond", [meeting.pk, invitation.pk])]:
        assert client.get(reverse(name, args=kwargs)).status_code == 404, name
    assert client.post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": "x"}).status_code == 404
    assert client.get(f"{reverse('meetings:schedule')}?group={demo.subgroup.pk}").status_code == 200  # asks
    assert demo.subgroup.name not in client.get(reverse("meetings:schedule")).content.decode()
