"""Quorum policies: who must be present, and verdicts that explain who counted and why."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.domain.partners import StatutoryPartner as P
from casereview.domain.quorum import (
    CO_OPTED,
    NOT_A_MEMBER,
    AllOf,
    Attendee,
    CoreRolesPresent,
    Member,
    MinimumHeadcount,
    StatutoryPartnersRepresented,
    policy_errors,
    policy_from_dict,
)

# Kingston & Richmond Case Review Subgroup (October 2023): quorate when each statutory partner is represented.
KR = (
    Member("kr-la", "Priya Shah", "afc_childrens_services", P.LOCAL_AUTHORITY, role_title="AfC Children's Services"),
    Member("kr-police", "Sam Patel", "detective_inspector_mps", P.POLICE, role_title="Detective Inspector"),
    Member("kr-dn", "Grace Okafor", "designated_nurse", P.HEALTH, role_title="Designated Nurse"),
    Member("kr-dd", "Tom Reid", "designated_doctor", P.HEALTH, role_title="Designated Doctor"),
    Member("kr-nn", "Aisha Khan", "named_nurses_health_providers", P.HEALTH, role_title="Named Nurse"),
    Member("kr-edu", "Leo Brown", "education", None, role_title="Education representative"),
)
KR_COOPTED = Member("kr-sllp", "Morgan Hale", "sllp", None, co_opted=True, role_title="South London Legal Partnership")
KR_MEMBERS = KR + (KR_COOPTED,)
KR_POLICY = StatutoryPartnersRepresented()

# Kent Rapid Review Group (May 2020): not quorate if any core member (or their representative) is missing.
KENT_TITLES = {
    "director_ics": "Director Integrated Children's Services",
    "police_pvp": "Detective Superintendent/Detective Chief Inspector PVP",
    "head_of_safeguarding_ccg": "Head of Adult and Child Safeguarding",
    "designated_doctor_nurse": "Designated Doctor/Designated Nurse",
    "partnership_team_manager": "Partnership Team Manager",
}
KENT = (
    Member("k-dir", "Dana Fox", "director_ics", P.LOCAL_AUTHORITY, role_title=KENT_TITLES["director_ics"]),
    Member("k-pol", "Ravi Singh", "police_pvp", P.POLICE, role_title=KENT_TITLES["police_pvp"]),
    Member("k-ccg", "Helen Ward", "head_of_safeguarding_ccg", P.HEALTH),
    Member("k-dd", "Owen Marsh", "designated_doctor_nurse", P.HEALTH),
    Member("k-ptm", "Beth Cole", "partnership_team_manager", None),
)
KENT_COOPTED = Member("k-expert", "Nina Park", "expert", None, co_opted=True)
KENT_MEMBERS = KENT + (KENT_COOPTED,)
KENT_POLICY = CoreRolesPresent(tuple(KENT_TITLES), KENT_TITLES)


def present(members, *, absent=(), extra=()):
    """Return attendees for every member in `members` except `absent`, followed by `extra`."""
    return [Attendee(m.person_id, m.name) for m in members if m.person_id not in absent] + list(extra)


def reason_for(verdict, person_id):
    """Return the AttendeeReason for one person."""
    return next(r for r in verdict.attendees if r.person_id == person_id)


def test_kr_all_members_present_is_quorate():
    """Kingston & Richmond: with every member present the meeting is quorate."""
    verdict = KR_POLICY.assess(KR_MEMBERS, present(KR))
    assert verdict.quorate
    assert verdict.summary == "Quorate"
    assert verdict.missing == ()


@pytest.mark.parametrize(
    ("absent", "quorate", "summary"),
    [
        ("kr-la", False, "Not quorate: the local authority is not represented"),
        ("kr-police", False, "Not quorate: police is not represented"),
        ("kr-dn", True, "Quorate"),
        ("kr-dd", True, "Quorate"),
        ("kr-nn", True, "Quorate"),
        ("kr-edu", True, "Quorate"),
    ],
)
def test_kr_each_single_absence(absent, quorate, summary):
    """Kingston & Richmond: losing a partner's only member is inquorate; losing one of several is not."""
    verdict = KR_POLICY.assess(KR_MEMBERS, present(KR, absent=[absent]))
    assert verdict.quorate is quorate
    assert verdict.summary == summary


def test_kr_education_does_not_count_for_a_partner():
    """Kingston & Richmond: the education representative is present but is not a statutory partner."""
    verdict = KR_POLICY.assess(KR_MEMBERS, present(KR))
    reason = reason_for(verdict, "kr-edu")
    assert not reason.counted
    assert reason.why == "member (Education representative): this role does not count towards quorum"


def test_kr_second_health_member_is_not_needed():
    """Kingston & Richmond: a second health member is recorded but health is already represented."""
    verdict = KR_POLICY.assess(KR_MEMBERS, present(KR))
    assert reason_for(verdict, "kr-dn").counts_for == "health"
    why = reason_for(verdict, "kr-dd").why
    assert why == "member (Designated Doctor): health is already represented by Grace Okafor"


def test_kr_deputy_for_police_makes_it_quorate():
    """Kingston & Richmond: a deputy standing in for the absent police member counts for police."""
    deputy = Attendee("dep-1", "Chris Lane", attending_for="kr-police")
    verdict = KR_POLICY.assess(KR_MEMBERS, present(KR, absent=["kr-police"], extra=[deputy]))
    assert verdict.quorate
    reason = reason_for(verdict, "dep-1")
    assert (reason.counted, reason.counts_for) == (True, "police")
    assert reason.why == "deputy for Sam Patel (Detective Inspector), counts for police"


def test_kr_co_opted_member_never_makes_it_quorate():
    """Kingston & Richmond: a co-opted member present with police missing does not make it quorate."""
    coopted = Attendee("kr-sllp", "Morgan Hale")
    verdict = KR_POLICY.assess(KR_MEMBERS, present(KR, absent=["kr-police"], extra=[coopted]))
    assert not verdict.quorate
    assert verdict.missing == ("police",)
    assert verdict.summary == "Not quorate: police is not represented"
    reason = reason_for(verdict, "kr-sllp")
    assert (reason.counted, reason.counts_for, reason.why) == (False, None, CO_OPTED)


def test_kr_deputy_for_a_member_who_is_present_counts_once():
    """Kingston & Richmond: a deputy for a member who came in person adds nothing; police counts once."""
    deputy = Attendee("dep-1", "Chris Lane", attending_for="kr-police")
    verdict = KR_POLICY.assess(KR_MEMBERS, present(KR, extra=[deputy]))
    assert verdict.quorate
    assert [r.person_id for r in verdict.attendees if r.counts_for == "police"] == ["kr-police"]
    reason = reason_for(verdict, "dep-1")
    assert not reason.counted
    assert reason.why == "deputy for Sam Patel, but Sam Patel is present in person"


def test_kr_two_absences_are_both_named():
    """Kingston & Richmond: with two partners missing, the summary names both."""
    verdict = KR_POLICY.assess(KR_MEMBERS, present(KR, absent=["kr-la", "kr-police"]))
    assert verdict.summary == "Not quorate: the local authority and police are not represented"


def test_non_member_does_not_count():
    """An attendee who is neither a member nor a deputy is recorded as not a member of this group."""
    visitor = Attendee("visitor", "Val Green")
    verdict = KR_POLICY.assess(KR_MEMBERS, present(KR, extra=[visitor]))
    assert reason_for(verdict, "visitor").why == NOT_A_MEMBER


def test_deputy_for_a_co_opted_member_does_not_count():
    """Standing in for a co-opted member never counts towards quorum."""
    deputy = Attendee("dep-2", "Ali Noor", attending_for="kr-sllp")
    verdict = KR_POLICY.assess(KR_MEMBERS, present(KR, extra=[deputy]))
    assert "a co-opted member" in reason_for(verdict, "dep-2").why


def test_one_person_holding_two_roles_counts_once():
    """A person holding a local authority role and a health role covers only one of them."""
    members = (
        Member("jo", "Jo Hart", "la", P.LOCAL_AUTHORITY),
        Member("jo", "Jo Hart", "nurse", P.HEALTH),
        Member("sam", "Sam Patel", "police", P.POLICE),
    )
    verdict = KR_POLICY.assess(members, [Attendee("jo", "Jo Hart"), Attendee("sam", "Sam Patel")])
    assert verdict.summary == "Not quorate: health is not represented"


def test_assignment_covers_as_many_requirements_as_possible():
    """A person who could cover two partners is moved to the one nobody else can cover."""
    members = (
        Member("la-1", "Ann Webb", "la", P.LOCAL_AUTHORITY),
        Member("la-2", "Bea Moss", "la", P.LOCAL_AUTHORITY),
        Member("nurse", "Cal Dunn", "nurse", P.HEALTH),
        Member("sam", "Sam Patel", "police", P.POLICE),
    )
    attendees = [
        Attendee("nurse", "Cal Dunn", attending_for="la-1"),
        Attendee("la-2", "Bea Moss"),
        Attendee("sam", "Sam Patel"),
    ]
    verdict = KR_POLICY.assess(members, attendees)
    assert verdict.quorate
    assert reason_for(verdict, "nurse").counts_for == "health"
    assert reason_for(verdict, "la-2").counts_for == "the local authority"


def test_kr_describe():
    """The Kingston & Richmond rule reads as plain English."""
    assert KR_POLICY.describe() == (
        "Quorate when the local authority, police and health are each represented (by a member or their deputy)"
    )


def test_kent_all_five_present_is_quorate():
    """Kent: with all five core members present the group is quorate."""
    verdict = KENT_POLICY.assess(KENT_MEMBERS, present(KENT))
    assert verdict.quorate
    assert {r.counts_for for r in verdict.attendees} == set(KENT_TITLES.values())


@pytest.mark.parametrize("member", KENT, ids=lambda m: m.role_key)
def test_kent_each_single_absence_names_the_role(member):
    """Kent: missing any one core member makes the group inquorate and names that role."""
    verdict = KENT_POLICY.assess(KENT_MEMBERS, present(KENT, absent=[member.person_id]))
    title = KENT_TITLES[member.role_key]
    assert not verdict.quorate
    assert verdict.missing == (title,)
    assert verdict.summary == f"Not quorate: missing {title}"


def test_kent_two_absences_are_both_named():
    """Kent: with two core members missing, the summary names both."""
    verdict = KENT_POLICY.assess(KENT_MEMBERS, present(KENT, absent=["k-dd", "k-ptm"]))
    assert verdict.summary == "Not quorate: missing Designated Doctor/Designated Nurse and Partnership Team Manager"


def test_kent_a_representative_for_each_role_is_quorate():
    """Kent: a representative standing in for every core member makes the group quorate."""
    reps = [Attendee(f"rep-{m.person_id}", f"Rep for {m.name}", attending_for=m.person_id) for m in KENT]
    verdict = KENT_POLICY.assess(KENT_MEMBERS, reps)
    assert verdict.quorate
    for rep, member in zip(verdict.attendees, KENT, strict=True):
        assert (rep.counted, rep.counts_for) == (True, KENT_TITLES[member.role_key])
        assert rep.why.startswith(f"deputy for {member.name} (")


def test_kent_co_opted_attendee_never_counts():
    """Kent: a co-opted expert is recorded but never counts, with or without the core members."""
    expert = Attendee("k-expert", "Nina Park")
    full = KENT_POLICY.assess(KENT_MEMBERS, present(KENT, extra=[expert]))
    short = KENT_POLICY.assess(KENT_MEMBERS, present(KENT, absent=["k-pol"], extra=[expert]))
    assert full.quorate and not short.quorate
    assert reason_for(full, "k-expert").why == CO_OPTED
    assert not reason_for(short, "k-expert").counted


def test_minimum_headcount():
    """MinimumHeadcount counts members present in person or by deputy, and says how many are short."""
    policy = MinimumHeadcount(3)
    assert policy.assess(KR_MEMBERS, present(KR[:3])).quorate
    verdict = policy.assess(KR_MEMBERS, present(KR[:2], extra=[Attendee("kr-sllp", "Morgan Hale")]))
    assert not verdict.quorate
    assert verdict.missing == ("1 more member",)
    assert verdict.summary == "Not quorate: only 2 of the 3 members needed are present"
    assert policy.describe() == "Quorate when at least 3 members are present, in person or by their deputy"


def test_minimum_headcount_counts_a_member_once_however_many_deputies():
    """Two deputies for the same member count as one member present."""
    deputies = [Attendee(f"d{i}", f"Deputy {i}", attending_for="kr-police") for i in range(2)]
    verdict = MinimumHeadcount(2).assess(KR_MEMBERS, present(KR[:1], extra=deputies))
    assert verdict.quorate
    assert [r.counted for r in verdict.attendees] == [True, True, False]
    assert "Sam Patel is already represented by Deputy 0" in verdict.attendees[2].why


def test_all_of_needs_every_part():
    """AllOf is quorate only when every part is, and merges the parts' shortfalls."""
    policy = AllOf((KR_POLICY, MinimumHeadcount(4)))
    three = policy.assess(KR_MEMBERS, present(KR[:3]))
    assert not three.quorate
    assert three.summary == "Not quorate: only 3 of the 4 members needed are present"
    assert policy.assess(KR_MEMBERS, present(KR[:4])).quorate
    both = policy.assess(KR_MEMBERS, present(KR[2:4]))
    assert both.missing == ("the local authority", "police", "2 more members")
    assert reason_for(both, "kr-dn").counts_for == "health, the minimum of 4 members"


def test_all_of_describe():
    """AllOf reads as its parts joined."""
    policy = AllOf((StatutoryPartnersRepresented((P.POLICE,)), MinimumHeadcount(1)))
    assert policy.describe() == (
        "Quorate when police is represented (by a member or their deputy); "
        "and at least 1 member is present, in person or by their deputy"
    )


@pytest.mark.parametrize(
    "policy",
    [
        KR_POLICY,
        StatutoryPartnersRepresented((P.POLICE, P.HEALTH)),
        CoreRolesPresent(("director_ics", "partnership_team_manager")),
        MinimumHeadcount(3),
        AllOf((KR_POLICY, MinimumHeadcount(3))),
    ],
)
def test_policy_dict_round_trip(policy):
    """A policy's stored form builds the same policy."""
    assert policy_from_dict(policy.to_dict()) == policy


def test_policy_dict_shapes():
    """Policies are stored as small dicts keyed by kind."""
    assert KR_POLICY.to_dict() == {"kind": "statutory_partners", "partners": ["local_authority", "police", "health"]}
    assert KENT_POLICY.to_dict() == {"kind": "core_roles", "roles": list(KENT_TITLES)}
    assert MinimumHeadcount(3).to_dict() == {"kind": "minimum_headcount", "n": 3}
    headcount = {"kind": "minimum_headcount", "n": 3}
    assert AllOf((MinimumHeadcount(3),)).to_dict() == {"kind": "all_of", "parts": [headcount]}


def test_core_roles_from_dict_takes_titles():
    """Role titles given when building a core-roles policy are used in its verdicts."""
    policy = policy_from_dict({"kind": "core_roles", "roles": list(KENT_TITLES)}, KENT_TITLES)
    assert policy == KENT_POLICY


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ("core roles", "quorum"),
        ({"kind": "vibes"}, "quorum.kind"),
        ({"kind": "statutory_partners", "partners": ["education"]}, "quorum.partners[0]"),
        ({"kind": "statutory_partners", "partners": ["police", "police"]}, "quorum.partners[1]"),
        ({"kind": "core_roles", "roles": []}, "quorum.roles"),
        ({"kind": "minimum_headcount", "n": 0}, "quorum.n"),
        ({"kind": "minimum_headcount", "n": True}, "quorum.n"),
        ({"kind": "all_of", "parts": []}, "quorum.parts"),
        ({"kind": "all_of", "parts": [{"kind": "minimum_headcount"}]}, "quorum.parts[0].n"),
    ],
)
def test_invalid_policy_is_refused(data, path):
    """A malformed policy is refused with the path of the problem."""
    assert path in policy_errors(data)
    with pytest.raises(ValueError, match=path.replace("[", r"\[")):
        policy_from_dict(data)


ALL_MEMBERS = KR_MEMBERS + KENT_MEMBERS
POLICIES = [KR_POLICY, KENT_POLICY, MinimumHeadcount(3), AllOf((KR_POLICY, KENT_POLICY, MinimumHeadcount(6)))]
PEOPLE = [m.person_id for m in ALL_MEMBERS] + ["guest-1", "guest-2", "dep-1", "dep-2"]
attendees_st = st.lists(
    st.builds(
        lambda pid, target: Attendee(pid, pid.title(), target),
        st.sampled_from(PEOPLE),
        st.none() | st.sampled_from(PEOPLE + ["nobody"]),
    ),
    max_size=12,
)
co_opted_st = st.builds(
    lambda pid, target: Attendee(pid, pid.title(), target),
    st.sampled_from(["kr-sllp", "k-expert"]),
    st.none() | st.sampled_from(PEOPLE),
)


@given(st.sampled_from(POLICIES), attendees_st, attendees_st.filter(bool), st.integers(min_value=0, max_value=12))
def test_adding_an_attendee_never_makes_a_quorate_meeting_inquorate(policy, attendees, extra, at):
    """Property: a quorate meeting stays quorate when anyone else joins, wherever they are listed."""
    before = policy.assess(ALL_MEMBERS, attendees)
    after = policy.assess(ALL_MEMBERS, attendees[:at] + extra[:1] + attendees[at:])
    assert after.quorate or not before.quorate


@given(st.sampled_from(POLICIES), attendees_st, st.lists(co_opted_st, min_size=1, max_size=3))
def test_co_opted_attendees_never_change_quorum(policy, attendees, co_opted):
    """Property: co-opted members joining a meeting never change whether it is quorate."""
    before = policy.assess(ALL_MEMBERS, attendees)
    after = policy.assess(ALL_MEMBERS, co_opted + attendees)
    assert after.quorate == before.quorate
    assert not any(reason_for(after, a.person_id).counted for a in co_opted)


@given(st.sampled_from(POLICIES), attendees_st)
def test_verdict_explains_every_person_once(policy, attendees):
    """Property: each person present gets one reason; a verdict is quorate exactly when nothing is missing."""
    verdict = policy.assess(ALL_MEMBERS, attendees)
    assert [r.person_id for r in verdict.attendees] == list(dict.fromkeys(a.person_id for a in attendees))
    assert verdict.quorate == (not verdict.missing)
    assert all(r.why for r in verdict.attendees)


def _could_cover(person_id, targets, present_ids, partner):
    """Oracle: whether a person could speak for `partner`, as themselves or as a deputy for someone absent."""
    rows = {m.person_id: m for m in KR_MEMBERS}
    if person_id in rows and rows[person_id].co_opted:
        return False
    own = person_id in rows and rows[person_id].represents == partner
    stood_for = [rows[t] for t in targets if t in rows and t not in present_ids and not rows[t].co_opted]
    return own or any(m.represents == partner for m in stood_for)


@given(attendees_st)
def test_statutory_quorum_matches_a_brute_force_search(attendees):
    """Property: quorate exactly when some assignment gives each partner a different person present."""
    present_ids = {a.person_id for a in attendees}
    targets = {pid: {a.attending_for for a in attendees if a.person_id == pid} - {pid} for pid in present_ids}
    options = [
        [pid for pid in present_ids if _could_cover(pid, targets[pid], present_ids, partner)] for partner in P
    ]
    exists = any(len(set(choice)) == len(choice) for choice in itertools.product(*options))
    assert KR_POLICY.assess(KR_MEMBERS, attendees).quorate == exists
