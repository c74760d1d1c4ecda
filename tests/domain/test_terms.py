"""Terms of reference as data: the two seed presets, validation errors by path, plain English and diffs."""

from __future__ import annotations

import copy
import json

import pytest

from casereview.domain.clocks import ClockDefinition, Direction, Source, StartEvent, Unit
from casereview.domain.partners import StatutoryPartner as P
from casereview.domain.presets import PRESETS, load_preset
from casereview.domain.quorum import CO_OPTED, CoreRolesPresent, StatutoryPartnersRepresented
from casereview.domain.terms import TermsInvalid, validate
from casereview.domain.terms_english import Change, diff, plain_english

KR = "kingston-richmond-case-review-subgroup"
KENT = "kent-rapid-review-group"


def sentences(terms):
    """Return every sentence of the plain-English rendering."""
    return [s for _heading, lines in plain_english(terms) for s in lines]


@pytest.mark.parametrize("slug", PRESETS)
def test_preset_validates(slug):
    """Each shipped preset is a valid terms-of-reference document."""
    terms = validate(load_preset(slug))
    assert terms.source_document.endswith(("October 2023", "May 2020"))


@pytest.mark.parametrize("slug", PRESETS)
def test_round_trip(slug):
    """A document read and written back, even through JSON, reads the same."""
    terms = validate(load_preset(slug))
    assert validate(terms.to_dict()) == terms
    assert validate(json.loads(json.dumps(terms.to_dict()))) == terms


@pytest.mark.parametrize("slug", PRESETS)
def test_presets_are_stored_in_full_form(slug):
    """The preset files already hold every field, in the form to_dict writes."""
    assert validate(load_preset(slug)).to_dict() == load_preset(slug)


def test_unknown_preset():
    """Asking for a preset that does not exist raises KeyError."""
    with pytest.raises(KeyError):
        load_preset("nowhere")


KR_SENTENCES = [
    "Quorate when the local authority, police and health are each represented (by a member or their deputy).",
    "Co-opted members never count towards quorum.",
    "AfC/other Education representatives: not a statutory partner.",
    "The Panel must be notified within 5 working days of the local authority becoming aware.",
    "The rapid review must be submitted within 15 working days of the notification being sent to the Panel.",
    "Agendas and papers are circulated at least 5 working days before each meeting.",
    "Minutes are distributed within 3 weeks of the meeting.",
    "Business meetings are held quarterly; rapid review meetings are held as needed.",
    "Potential conflicts of interest are declared.",
    "Attendance at meetings is monitored to ensure consistent contribution from each agency.",
    "The chairs report to the Safeguarding Leadership Group (SLG) quarterly.",
    "These terms of reference are reviewed every 12 months.",
    "Chairing is shared between representatives of two agencies.",
    "Disagreements are escalated to the SLG for decision.",
    "The work of the group is administered by the partnership team.",
]
KENT_SENTENCES = [
    "Quorate when each of these is present, in person or by their representative: "
    "Director Integrated Children's Services; "
    "Detective Superintendent/Detective Chief Inspector, Protecting Vulnerable People Command, Kent Police; "
    "Head of Adult and Child Safeguarding, Kent and Medway CCG; Designated Doctor/Designated Nurse; "
    "and Partnership Team Manager.",
    "Partnership Team Manager: not a statutory partner.",
    "The Panel must be notified within 5 working days of the local authority becoming aware.",
    "The rapid review must be submitted within 15 working days of the notification being received by the partnership.",
    "The Panel's feedback is expected within 10 working days of the Panel meeting that discusses the case "
    "(an expected date, not a deadline).",
    "There is no set schedule of meetings; the group meets when a notification arrives.",
    "Meetings may be held in person or virtually.",
    "The Director Integrated Children's Services chairs the group.",
    "The group reports to the Safeguarding Partnership and the Child Safeguarding Practice Review Panel (CSPRP) "
    "after each rapid review.",
    "The terms of reference do not set an escalation route.",
    "The terms of reference do not say how often they are reviewed.",
]


@pytest.mark.parametrize(("slug", "expected"), [(KR, KR_SENTENCES), (KENT, KENT_SENTENCES)])
def test_plain_english_key_sentences(slug, expected):
    """The plain-English rendering states each preset's key rules in exact sentences."""
    said = sentences(validate(load_preset(slug)))
    missing = [s for s in expected if s not in said]
    assert not missing


def test_kent_plain_english_is_silent_where_the_seed_is():
    """Kent's seed sets no paper or minute deadlines, so none are stated."""
    said = " ".join(sentences(validate(load_preset(KENT))))
    assert "Agendas and papers" not in said
    assert "Minutes are distributed" not in said


def test_plain_english_sections_are_not_empty():
    """Every section has a heading and at least one sentence."""
    for slug in PRESETS:
        for heading, lines in plain_english(validate(load_preset(slug))):
            assert heading and lines


def test_kr_clocks():
    """Kingston & Richmond: national rapid-review clock from the SIN, and local meeting and review clocks."""
    terms = validate(load_preset(KR))
    rr = terms.clock("rr")
    assert (rr.start_event, rr.length, rr.unit, rr.source) == (
        StartEvent.SIN_SUBMITTED, 15, Unit.WORKING_DAYS, Source.GUIDANCE,
    )
    assert "seed silent: national default" in rr.citation
    assert terms.clock("papers") == ClockDefinition(
        "papers", "Agenda and papers circulated", StartEvent.MEETING, 5, Unit.WORKING_DAYS, Direction.BEFORE,
        Source.LOCAL, terms.clock("papers").citation, True,
    )
    assert (terms.clock("minutes").length, terms.clock("minutes").unit) == (3, Unit.WEEKS)
    assert (terms.clock("tor").start_event, terms.clock("tor").length) == (StartEvent.LAST_TOR_REVIEW, 12)
    assert terms.clock("sin").start_event == StartEvent.LA_AWARE


def test_kent_clocks():
    """Kent: the rapid-review clock starts on receipt of the notification; Panel feedback is not a breach."""
    terms = validate(load_preset(KENT))
    rr, panel = terms.clock("rr"), terms.clock("panel")
    assert (rr.start_event, rr.length, rr.source) == (StartEvent.NOTIFICATION_RECEIVED, 15, Source.GUIDANCE)
    assert "§7: The Rapid Review time clock commences on receipt of the Notification" in rr.citation
    assert "§5(a)" in rr.citation
    assert (panel.start_event, panel.length, panel.breach, panel.source) == (
        StartEvent.PANEL_MEETING, 10, False, Source.LOCAL,
    )
    assert terms.clock("sin").length == 5
    with pytest.raises(KeyError):
        terms.clock("papers")


def test_kr_quorum_from_terms():
    """Kingston & Richmond terms give a statutory-partner quorum that members built from the roles satisfy."""
    terms = validate(load_preset(KR))
    assert terms.quorum_policy() == StatutoryPartnersRepresented((P.LOCAL_AUTHORITY, P.POLICE, P.HEALTH))
    members = [
        terms.member("a", "Priya Shah", "afc_childrens_services"),
        terms.member("b", "Sam Patel", "detective_inspector_mps"),
        terms.member("c", "Grace Okafor", "designated_nurse"),
        terms.member("d", "Morgan Hale", "south_london_legal_partnership", co_opted=True),
    ]
    attendees = [_attendee(m) for m in members if m.person_id != "b"]
    verdict = terms.quorum_policy().assess(members, attendees)
    assert verdict.summary == "Not quorate: police is not represented"
    assert verdict.attendees[-1].why == CO_OPTED


def test_kent_quorum_from_terms_uses_role_titles():
    """Kent terms give a core-roles quorum whose verdict names the missing role by its title."""
    terms = validate(load_preset(KENT))
    policy = terms.quorum_policy()
    assert isinstance(policy, CoreRolesPresent)
    assert policy.role_keys == tuple(r.key for r in terms.roles)
    members = [terms.member(r.key, r.title, r.key) for r in terms.roles]
    verdict = policy.assess(members, [_attendee(m) for m in members if m.role_key != "partnership_team_manager"])
    assert verdict.summary == "Not quorate: missing Partnership Team Manager"


def _attendee(member):
    from casereview.domain.quorum import Attendee

    return Attendee(member.person_id, member.name)


def _set(path, value):
    """Return a mutation that sets the value at a dotted/indexed path such as 'clocks[0].length'."""

    def mutate(doc):
        *parents, last = _steps(path)
        for step in parents:
            doc = doc[step]
        if value is _DELETE:
            del doc[last]
        else:
            doc[last] = value

    return mutate


def _steps(path):
    steps = []
    for part in path.split("."):
        name, _, rest = part.partition("[")
        steps.append(name)
        steps += [int(i) for i in rest.rstrip("]").split("][")] if rest else []
    return steps


_DELETE = object()


def _co_chairs_with_one_eligible(doc):
    for role in doc["roles"][1:]:
        role["chair"] = False


INVALID = [
    ("title missing", KR, _set("title", _DELETE), "title"),
    ("title empty", KR, _set("title", "  "), "title"),
    ("unknown group kind", KR, _set("group_kind", "committee"), "group_kind"),
    ("education as a partner", KR, _set("roles[5].represents", "education"), "roles[5].represents"),
    ("duplicate role key", KR, _set("roles[1].key", "afc_childrens_services"), "roles[1].key"),
    ("core flag not true/false", KR, _set("roles[0].core", "yes"), "roles[0].core"),
    ("roles not a list", KR, _set("roles", "everyone"), "roles"),
    ("clock length zero", KR, _set("clocks[0].length", 0), "clocks[0].length"),
    ("clock length as text", KR, _set("clocks[1].length", "15"), "clocks[1].length"),
    ("clock length true", KR, _set("clocks[1].length", True), "clocks[1].length"),
    ("unknown unit", KR, _set("clocks[0].unit", "fortnights"), "clocks[0].unit"),
    ("unknown direction", KR, _set("clocks[2].direction", "sideways"), "clocks[2].direction"),
    ("unknown start event", KR, _set("clocks[1].start_event", "birthday"), "clocks[1].start_event"),
    ("unknown source", KR, _set("clocks[0].source", "rumour"), "clocks[0].source"),
    ("duplicate clock id", KENT, _set("clocks[1].id", "sin"), "clocks[1].id"),
    ("unknown business cadence", KR, _set("meetings.business_cadence", "weekly"), "meetings.business_cadence"),
    ("unknown meeting mode", KR, _set("meetings.modes", ["carrier_pigeon"]), "meetings.modes[0]"),
    ("unknown reporting cadence", KR, _set("reporting.cadence", "fortnightly"), "reporting.cadence"),
    ("negative papers lead time", KR, _set("papers_lead_working_days", -1), "papers_lead_working_days"),
    ("papers lead time disagrees with clock", KR, _set("papers_lead_working_days", 7), "papers_lead_working_days"),
    ("minutes deadline without clock", KENT, _set("minutes_deadline", {"length": 3, "unit": "weeks"}),
     "minutes_deadline"),
    ("impossible date", KR, _set("adopted_on", "2023-13-01"), "adopted_on"),
    ("date not ISO", KR, _set("adopted_on", "October 2023"), "adopted_on"),
    ("review before adoption", KR, _set("last_reviewed_on", "2022-01-01"), "last_reviewed_on"),
    ("quorum names an unknown role", KENT, _set("quorum.roles[1]", "chief_constable"), "quorum.roles[1]"),
    ("quorum partner nobody represents", KR, _set("roles[1].represents", None), "quorum.partners[1]"),
    ("unknown quorum kind", KR, _set("quorum", {"kind": "vibes"}), "quorum.kind"),
    ("co-chairs with one eligible role", KR, _co_chairs_with_one_eligible, "chairing.arrangement"),
    ("chair role unknown", KENT, _set("chairing.chair_role", "mayor"), "chairing.chair_role"),
    ("empty purpose", KR, _set("purpose", []), "purpose"),
    ("principle not text", KR, _set("principles[1]", 3), "principles[1]"),
    ("meetings not an object", KR, _set("meetings", "quarterly"), "meetings"),
    ("unknown escalation trigger", KR, _set("escalation.trigger", "boredom"), "escalation.trigger"),
]


@pytest.mark.parametrize(("slug", "mutate", "path"), [case[1:] for case in INVALID], ids=[c[0] for c in INVALID])
def test_invalid_document_is_refused_at_the_right_path(slug, mutate, path):
    """Each kind of invalid document is refused, with a plain-English message at the bad field's path."""
    doc = copy.deepcopy(load_preset(slug))
    mutate(doc)
    with pytest.raises(TermsInvalid) as caught:
        validate(doc)
    assert path in caught.value.errors, caught.value.errors
    message = caught.value.errors[path]
    assert len(message) > 8 and not message[0].isupper()  # read after the path: "title is required"


def test_every_problem_is_reported():
    """A document with several problems reports all of them, not just the first."""
    doc = copy.deepcopy(load_preset(KR))
    for case in ("title missing", "education as a partner", "clock length zero", "unknown business cadence",
                 "quorum partner nobody represents"):
        next(c for c in INVALID if c[0] == case)[2](doc)
    with pytest.raises(TermsInvalid) as caught:
        validate(doc)
    expected = {"title", "roles[5].represents", "clocks[0].length", "meetings.business_cadence", "quorum.partners[1]"}
    assert expected <= set(caught.value.errors)
    assert "clocks[0].length: must be a whole number of at least 1" in str(caught.value)


def test_a_document_that_is_not_an_object_is_refused():
    """Something other than a set of named fields is refused as a whole."""
    with pytest.raises(TermsInvalid) as caught:
        validate(["not", "a", "document"])
    assert "document" in caught.value.errors


def test_diff_names_a_changed_clock():
    """Changing the rapid review to 20 working days shows as one change to that clock's length."""
    before = validate(load_preset(KR))
    doc = load_preset(KR)
    doc["clocks"][1]["length"] = 20
    changes = diff(before, validate(doc))
    assert changes == [
        Change("clocks[rr].length", 15, 20, "Rapid review submitted to the Panel: length changed from 15 to 20."),
    ]


def test_diff_matches_roles_by_key_not_position():
    """Reordering roles is not a change; removing one is, and names the role."""
    terms = validate(load_preset(KENT))
    doc = load_preset(KENT)
    doc["roles"].reverse()
    assert diff(terms, validate(doc)) == []
    del doc["roles"][0]  # the Partnership Team Manager, now first
    doc["quorum"]["roles"].remove("partnership_team_manager")
    descriptions = [c.description for c in diff(terms, validate(doc))]
    assert "Role removed: Partnership Team Manager." in descriptions


def test_diff_of_identical_documents_is_empty():
    """A document compared with itself has no changes."""
    terms = validate(load_preset(KENT))
    assert diff(terms, terms) == []


def test_diff_between_the_two_seeds_shows_where_they_disagree():
    """Kent and Kingston & Richmond differ on the rapid-review start, quorum and schedule."""
    paths = {c.path for c in diff(validate(load_preset(KENT)), validate(load_preset(KR)))}
    assert {"clocks[rr].start_event", "quorum.kind", "meetings.business_cadence", "clocks[panel]"} <= paths


def test_unknown_top_level_field_is_refused():
    """A misspelt field is named rather than silently dropped."""
    from casereview.domain.presets import load_preset
    from casereview.domain.terms import TermsInvalid, validate

    document = {**load_preset("kent-rapid-review-group"), "reveiw_interval_months": 12}
    with pytest.raises(TermsInvalid) as excinfo:
        validate(document)
    assert "reveiw_interval_months" in excinfo.value.errors
