"""The quorum verdict forecast from the invitations, before the meeting, for both seed groups."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.domain.partners import StatutoryPartner
from casereview.domain.presets import load_preset
from casereview.domain.quorum import Member
from casereview.domain.terms import validate
from casereview.meetings.attendance_selectors import attendance_part, forecast, invitation_attendees
from tests.actions.governance_helpers import gov, invite, meeting_on  # noqa: F401  (gov is a fixture)

DAY = date(2026, 6, 9)


def _why(result, name):
    return next(p for p in result["people"] if name in p["name"])


def test_subgroup_quorate_when_all_three_partners_expected(gov):  # noqa: F811
    """Case Review Subgroup: LA, police and health members expected → quorate."""
    meeting = meeting_on(gov["crs"], DAY)
    for name in ("Ayla", "Devon", "Helena"):
        invite(meeting, name, "accepted")
    result = forecast(meeting)
    assert result["quorate"] is True and result["summary"] == "Quorate"


def test_not_yet_responded_counts_as_expected_but_apologies_do_not(gov):  # noqa: F811
    """An invitee who has not answered is expected; one who sent apologies is not."""
    meeting = meeting_on(gov["crs"], DAY)
    invite(meeting, "Ayla", "invited")
    invite(meeting, "Helena", "accepted")
    invite(meeting, "Devon", "apologies")
    result = forecast(meeting)
    assert result["quorate"] is False
    assert result["shortfalls"] == ["police is not represented"]
    assert _why(result, "Devon")["why"] == "not expected"
    assert _why(result, "Ayla")["counted"] is True


def test_police_deputy_makes_the_subgroup_quorate(gov):  # noqa: F811
    """Devon sends apologies; Priya invited as his deputy fills the police seat → quorate, with the reason."""
    meeting = meeting_on(gov["crs"], DAY)
    invite(meeting, "Ayla", "accepted")
    invite(meeting, "Helena", "accepted")
    invite(meeting, "Devon", "apologies")
    invite(meeting, "Priya", "invited", deputy_for="Devon")
    result = forecast(meeting)
    assert result["quorate"] is True
    priya = _why(result, "Priya")
    assert priya["counted"] and "deputy for Devon Okafor" in priya["why"] and priya["why"].endswith("counts for police")
    assert priya["state"] == "Deputy for Devon Okafor (not yet responded)"


def test_withdrawn_invitations_are_ignored(gov):  # noqa: F811
    """A withdrawn invitation neither counts nor appears."""
    meeting = meeting_on(gov["crs"], DAY)
    invite(meeting, "Ayla", "accepted")
    invite(meeting, "Helena", "accepted")
    devon = invite(meeting, "Devon", "accepted")
    devon.withdrawn = True
    devon.save()
    result = forecast(meeting)
    assert result["quorate"] is False and result["invited"] == 2


def test_kent_co_opted_member_never_counts(gov):  # noqa: F811
    """Rapid Review Group: the co-opted legal adviser is listed but does not make up for a missing core role."""
    meeting = meeting_on(gov["kent"], DAY, kind="rapid_review")
    for name in ("Imogen", "Rowan", "Farid", "Bea", "Saoirse"):
        invite(meeting, name, "accepted")
    invite(meeting, "Marcus", "apologies")
    result = forecast(meeting)
    assert result["quorate"] is False
    assert result["shortfalls"] == ["missing Detective Superintendent/Detective Chief Inspector, Protecting "
                                    "Vulnerable People Command, Kent Police"]
    saoirse = _why(result, "Saoirse")
    assert saoirse["counted"] is False and "co-opted" in saoirse["why"]


def test_kent_quorate_with_every_core_role_and_the_co_opted_adviser(gov):  # noqa: F811
    """All five core roles expected → quorate; the co-opted adviser still does not count."""
    meeting = meeting_on(gov["kent"], DAY, kind="rapid_review")
    for name in ("Imogen", "Marcus", "Rowan", "Farid", "Bea", "Saoirse"):
        invite(meeting, name, "accepted")
    result = forecast(meeting)
    assert result["quorate"] is True
    assert _why(result, "Saoirse")["counted"] is False


@pytest.mark.parametrize("group, rule", [
    ("crs", "Quorate when the local authority, police and health are each represented"),
    ("kent", "Quorate when each of these is present, in person or by their representative"),
])
def test_meeting_page_part_names_the_rule(gov, group, rule):  # noqa: F811
    """The attendance part says which rule applies, from the terms in force on the day."""
    meeting = meeting_on(gov[group], DAY)
    part = attendance_part(meeting, gov["admin"], DAY)
    assert part["attendance_rule"].lower().startswith(rule.lower())
    assert "terms of reference version" in part["attendance_rule"]


def test_meeting_page_shows_the_forecast(client, gov):  # noqa: F811
    """The meeting page shows the expected verdict with its reasons."""
    from tests.conftest import sign_in

    meeting = meeting_on(gov["crs"], DAY)
    invite(meeting, "Ayla", "accepted")
    invite(meeting, "Devon", "apologies")
    sign_in(client, gov["admin"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Expected quorum (from the invitations)" in page
    assert "Not quorate: police and health are not represented." in page
    assert "Not expected" in page


# --- property: the forecast is never quorate while a statutory partner is wholly absent without a deputy ---

SEATS = [  # (person id, name, represents) as in the demo Case Review Subgroup
    ("ayla", "Ayla", StatutoryPartner.LOCAL_AUTHORITY), ("devon", "Devon", StatutoryPartner.POLICE),
    ("helena", "Helena", StatutoryPartner.HEALTH), ("farid", "Farid", StatutoryPartner.HEALTH),
    ("grace", "Grace", StatutoryPartner.HEALTH), ("oluwaseun", "Oluwaseun", None),
]
POLICY = validate(load_preset("kingston-richmond-case-review-subgroup")).quorum_policy()
MEMBERS = [Member(pid, name, f"role-{pid}", partner) for pid, name, partner in SEATS]


def _invitation(pid, name, response, seat_of=None):
    seat = SimpleNamespace(person_id=seat_of) if seat_of else None
    return SimpleNamespace(person_id=pid, person=SimpleNamespace(full_name=name), response=response,
                           withdrawn=False, as_deputy=seat_of is not None, seat=seat)


@given(responses=st.lists(st.sampled_from(["invited", "accepted", "apologies"]), min_size=6, max_size=6),
       deputies=st.lists(st.booleans(), min_size=6, max_size=6),
       deputy_responses=st.lists(st.sampled_from(["invited", "accepted", "apologies"]), min_size=6, max_size=6))
def test_forecast_never_quorate_when_a_partner_has_apologies_and_no_deputy(responses, deputies, deputy_responses):
    """If every member for a statutory partner sent apologies and no deputy is expected for any of them,
    the forecast is not quorate."""
    invitations = [_invitation(pid, name, r) for (pid, name, _p), r in zip(SEATS, responses, strict=True)]
    invitations += [_invitation(f"dep-{pid}", f"Deputy {name}", dr, seat_of=pid)
                    for (pid, name, _p), d, dr in zip(SEATS, deputies, deputy_responses, strict=True) if d]
    verdict = POLICY.assess(MEMBERS, invitation_attendees(invitations))
    expected = {i.seat.person_id if i.as_deputy else i.person_id for i in invitations if i.response != "apologies"}
    for partner in (StatutoryPartner.LOCAL_AUTHORITY, StatutoryPartner.POLICE, StatutoryPartner.HEALTH):
        seats = {pid for pid, _n, p in SEATS if p == partner}
        if not seats & expected:
            assert not verdict.quorate
    if all(any(pid in expected for pid, _n, p in SEATS if p == partner)
           for partner in (StatutoryPartner.LOCAL_AUTHORITY, StatutoryPartner.POLICE, StatutoryPartner.HEALTH)):
        assert verdict.quorate  # and the converse: every partner expected (in person or by deputy) → quorate
