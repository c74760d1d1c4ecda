"""Declarations of interest at a meeting: for the whole meeting or one item, by the business team or the
person themself; removal of one recorded in error; who is excluded; and what each group's terms require."""

import html
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casereview.audit.models import AuditEvent
from casereview.meetings.interests_selectors import (
    DUTY,
    NO_DUTY,
    conflicts_by_item,
    declarations_part,
    excluded_from_item,
    exclusion_note,
    withheld_from_item,
)
from casereview.meetings.interests_services import declaration_record
from casereview.meetings.models import Declaration, RegisteredInterest
from tests.conftest import sign_in
from tests.meetings import test_agenda_support as support
from tests.meetings.test_agenda_support import add_item, invite, meeting_on, person

pytestmark = pytest.mark.django_db
demo = support.demo


@pytest.fixture
def meeting(demo):
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    invite(meeting, "Ayla Brennan", "Devon Okafor")
    add_item(demo["business"], meeting, "Learning briefing")
    add_item(demo["business"], meeting, "Rapid review SIN-2026-002", restricted=True)
    return meeting


def _items(meeting):
    return list(meeting.items.order_by("number"))


def test_business_team_records_declarations_for_the_meeting_and_an_item(client, demo, meeting):
    """The form records both kinds, each audited; the page lists them where they belong."""
    open_item, restricted = _items(meeting)
    sign_in(client, demo["business"])
    url = f"/meetings/{meeting.pk}/declare/"
    assert client.post(url, {"person": person("Ayla Brennan").pk, "kind": "personal",
                             "interest": "Trustee of a local charity (fictional)."}).status_code == 302
    assert client.post(url, {"person": person("Devon Okafor").pk, "item": restricted.pk, "kind": "professional",
                             "interest": "Supervised the investigation (fictional)."}).status_code == 302
    assert Declaration.objects.filter(meeting=meeting, item=None).count() == 1
    assert AuditEvent.objects.filter(verb="created", target_type="meetings.declaration").count() == 2
    page = html.unescape(client.get(f"/meetings/{meeting.pk}/").content.decode())
    assert "For the whole meeting" in page and "Trustee of a local charity (fictional)." in page
    assert "Papers withheld from Devon Okafor; Devon Okafor takes no part in the decision." in page


def test_a_conflict_on_an_open_item_excludes_from_the_decision_only(demo, meeting):
    """On an item that is not restricted, the person still gets the papers but takes no part in the decision."""
    open_item, restricted = _items(meeting)
    devon = person("Devon Okafor")
    declaration_record(actor=demo["business"], meeting=meeting, person=devon, item=open_item, kind="personal",
                       interest="Knows the family (fictional).")
    assert excluded_from_item(meeting) == conflicts_by_item(meeting) == {open_item.pk: [devon]}
    assert withheld_from_item(meeting) == {}
    row = declarations_part(meeting, demo["business"], date(2026, 3, 1))["declarations_items"][0]
    assert row.notes == ["Devon Okafor takes no part in the decision"]
    assert exclusion_note(devon, restricted=True) == ("Papers withheld from Devon Okafor; Devon Okafor takes no "
                                                      "part in the decision")


def test_an_invited_member_declares_for_themself(client, demo, meeting):
    """Devon (invited, with a sign-in) can record his own declaration but nobody else's."""
    sign_in(client, demo["member"])
    url = f"/meetings/{meeting.pk}/declare/"
    page = client.get(url).content.decode()
    assert "Devon Okafor" in page and "Ayla Brennan" not in page
    response = client.post(url, {"person": person("Ayla Brennan").pk, "kind": "personal", "interest": "X"})
    assert response.status_code == 400 and not Declaration.objects.exists()
    response = client.post(url, {"person": person("Devon Okafor").pk, "kind": "personal", "interest": "Mine."})
    assert response.status_code == 302
    assert Declaration.objects.get().recorded_by == demo["member"]
    with pytest.raises(PermissionDenied):
        declaration_record(actor=demo["member"], meeting=meeting, person=person("Ayla Brennan"), kind="personal",
                           interest="Not mine to declare.")


def test_someone_not_invited_cannot_declare(client, demo, meeting):
    """The chair is not invited to this meeting, so the declaration page is refused."""
    assert sign_in(client, demo["chair"]).get(f"/meetings/{meeting.pk}/declare/").status_code == 403


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"kind": "personal", "interest": " "}, "interest", "Describe the interest"),
    ({"kind": "bribes", "interest": "X"}, "kind", "Select the kind of interest"),
])
def test_a_declaration_needs_a_kind_and_words(demo, meeting, data, field, message):
    """The service names what is missing beside its field."""
    with pytest.raises(ValidationError) as caught:
        declaration_record(actor=demo["business"], meeting=meeting, person=person("Ayla Brennan"), **data)
    assert caught.value.message_dict == {field: [message]}


def test_only_people_at_the_meeting_and_its_own_items(demo, meeting):
    """Someone not invited, or an item of another meeting, is refused."""
    other = add_item(demo["business"], meeting_on(demo["subgroup"], date(2026, 6, 9)), "Elsewhere")
    with pytest.raises(ValidationError) as caught:
        declaration_record(actor=demo["business"], meeting=meeting, person=person("Grace Muldoon"), item=other,
                           kind="personal", interest="X")
    assert set(caught.value.message_dict) == {"person", "item"}


def test_a_declaration_recorded_in_error_is_removed_by_the_business_team(client, demo, meeting):
    """Removal is a POST by the business team, audited with what it said; a member cannot remove."""
    declaration = declaration_record(actor=demo["business"], meeting=meeting, person=person("Ayla Brennan"),
                                     kind="financial", interest="Recorded against the wrong person.")
    url = f"/meetings/declarations/{declaration.pk}/remove/"
    assert sign_in(client, demo["member"]).post(url).status_code == 403
    assert sign_in(client, demo["business"]).post(url).status_code == 302
    assert not Declaration.objects.exists()
    event = AuditEvent.objects.get(verb="deleted", target_type="meetings.declaration")
    assert event.changes["interest"] == ["Recorded against the wrong person.", None]


def test_no_declarations_on_a_cancelled_meeting(demo):
    """A cancelled meeting takes no declarations."""
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10), status="cancelled")
    invite(meeting, "Ayla Brennan")
    with pytest.raises(ValidationError, match="cancelled"):
        declaration_record(actor=demo["business"], meeting=meeting, person=person("Ayla Brennan"), kind="personal",
                           interest="X")


def test_kingston_and_richmond_terms_require_declarations(demo, meeting):
    """The subgroup's terms say conflicts are declared: the page shows the duty."""
    part = declarations_part(meeting, demo["business"], date(2026, 3, 1))
    assert (part["declarations_required"], part["declarations_duty"]) == (True, DUTY)


def test_kent_terms_do_not_require_declarations_but_allow_them(demo):
    """Kent's terms do not ask for declarations; the page says so and one can still be recorded."""
    meeting = meeting_on(demo["rapid"], date(2026, 3, 10), kind="rapid_review")
    invite(meeting, "Imogen Tate")
    part = declarations_part(meeting, demo["business"], date(2026, 3, 1))
    assert (part["declarations_required"], part["declarations_duty"]) == (False, NO_DUTY)
    assert "do not require conflicts of interest to be declared" in NO_DUTY
    declaration_record(actor=demo["business"], meeting=meeting, person=person("Imogen Tate"), kind="personal",
                       interest="Allowed all the same.")


def test_standing_interests_of_those_invited_are_shown(demo, meeting):
    """Registered interests in force on the meeting date of invited people are listed; others are not."""
    partnership = meeting.partnership
    ayla, grace = person("Ayla Brennan"), person("Grace Muldoon")
    current = RegisteredInterest.objects.create(partnership=partnership, person=ayla, kind="personal",
                                                interest="Trustee (fictional).", declared_on=date(2025, 5, 1))
    RegisteredInterest.objects.create(partnership=partnership, person=ayla, kind="financial", interest="Ended.",
                                      declared_on=date(2024, 5, 1), ended_on=date(2025, 1, 1))
    RegisteredInterest.objects.create(partnership=partnership, person=grace, kind="personal",
                                      interest="Not invited.", declared_on=date(2025, 5, 1))
    part = declarations_part(meeting, demo["business"], date(2026, 3, 1))
    assert part["declarations_standing"] == [current]
