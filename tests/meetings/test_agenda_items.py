"""Agenda items: added, changed, reordered and removed by the business team while the agenda is open."""

import html
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casereview.audit.models import AuditEvent
from casereview.meetings.agenda_services import (
    agenda_item_move,
    agenda_item_remove,
    agenda_item_update,
    papers_circulate,
)
from casereview.meetings.models import AgendaItem, Minutes
from tests.conftest import PersonFactory, sign_in
from tests.meetings import test_agenda_support as support
from tests.meetings.test_agenda_support import add_item, add_paper, invite, meeting_on, person

pytestmark = pytest.mark.django_db
demo = support.demo


def _numbers(meeting) -> list[tuple[int, str]]:
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("number").values_list("number", "title"))


def test_business_team_adds_an_item(client, demo):
    """The form adds the item at the end with every field, and the audit trail records it."""
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    add_item(demo["business"], meeting, "Minutes of the last meeting")
    sign_in(client, demo["business"])
    owner = person("Helena Strand")
    response = client.post(f"/meetings/{meeting.pk}/agenda/add/", {
        "title": "Neglect audit", "description": "Findings (fictional).", "owner": owner.pk, "restricted": "on",
        "needs_decision": "on"})
    assert response.status_code == 302 and response["Location"].endswith(f"/meetings/{meeting.pk}/#agenda")
    item = AgendaItem.objects.get(meeting=meeting, title="Neglect audit")
    assert (item.number, item.owner, item.restricted, item.needs_decision) == (2, owner, True, True)
    event = AuditEvent.objects.get(verb="created", target_type="meetings.agendaitem", target_id=str(item.pk))
    assert event.changes["title"] == [None, "Neglect audit"] and event.changes["number"] == [None, 2]


def test_an_empty_title_is_refused_beside_the_field(client, demo):
    """No title: the form comes back with a 400 and says what to do."""
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    response = sign_in(client, demo["business"]).post(f"/meetings/{meeting.pk}/agenda/add/", {"title": "  "})
    assert response.status_code == 400
    assert "Enter a title for the item" in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_an_owner_from_another_partnership_is_refused(demo):
    """The owner must be one of the partnership's people."""
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    with pytest.raises(ValidationError) as caught:
        add_item(demo["business"], meeting, "Item", owner=PersonFactory())
    assert caught.value.message_dict == {"owner": ["Choose an owner from this partnership's people"]}


def test_a_rapid_review_of_another_group_is_refused(demo):
    """An item can be about a rapid review of the same group only."""
    from tests.reviews.conftest import record

    review = record({"admin": demo["business"], "rapid": demo["rapid"]}).rapid_review
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    with pytest.raises(ValidationError, match="Choose a rapid review of the Case Review Subgroup"):
        add_item(demo["business"], meeting, "Item", rapid_review=review)
    kent = meeting_on(demo["rapid"], date(2026, 3, 10), kind="rapid_review")
    assert add_item(demo["business"], kent, "Decision", rapid_review=review).rapid_review == review


def test_editing_changes_the_item_and_audits_the_difference(client, demo):
    """A change records only the fields that changed."""
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    item = add_item(demo["business"], meeting, "Draft title")
    sign_in(client, demo["business"])
    url = f"/meetings/{meeting.pk}/agenda/{item.pk}/edit/"
    assert 'value="Draft title"' in client.get(url).content.decode()
    assert client.post(url, {"title": "Final title"}).status_code == 302
    item.refresh_from_db()
    assert item.title == "Final title"
    event = AuditEvent.objects.get(verb="updated", target_id=str(item.pk), target_type="meetings.agendaitem")
    assert event.changes == {"title": ["Draft title", "Final title"]}


def test_another_meetings_item_is_not_found(client, demo):
    """An item id from another meeting gives 404 on every agenda page."""
    one, other = meeting_on(demo["subgroup"], date(2026, 3, 10)), meeting_on(demo["subgroup"], date(2026, 6, 9))
    item = add_item(demo["business"], other, "Elsewhere")
    sign_in(client, demo["business"])
    for url in (f"/meetings/{one.pk}/agenda/{item.pk}/edit/", f"/meetings/{one.pk}/agenda/{item.pk}/papers/add/"):
        assert client.get(url).status_code == 404
    for url in (f"/meetings/{one.pk}/agenda/{item.pk}/remove/", f"/meetings/{one.pk}/agenda/{item.pk}/move/"):
        assert client.post(url, {"direction": "up"}).status_code == 404
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_members_cannot_change_the_agenda(client, demo):
    """Only the business team edits; a member gets 403 on the form and on the buttons."""
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    item = add_item(demo["business"], meeting, "Item")
    sign_in(client, demo["member"])
    assert client.get(f"/meetings/{meeting.pk}/agenda/add/").status_code == 403
    assert client.post(f"/meetings/{meeting.pk}/agenda/{item.pk}/remove/").status_code == 403
    with pytest.raises(PermissionDenied):
        agenda_item_update(actor=demo["member"], item=item, data={"title": "Mine"})


def test_moving_up_and_down_keeps_numbers_contiguous(client, demo):
    """Moving swaps with the neighbour; the first cannot move up; numbers stay 1..n."""
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    a, b, c = (add_item(demo["business"], meeting, t) for t in "ABC")
    sign_in(client, demo["business"])
    assert client.post(f"/meetings/{meeting.pk}/agenda/{c.pk}/move/", {"direction": "up"}).status_code == 302
    assert _numbers(meeting) == [(1, "A"), (2, "C"), (3, "B")]
    response = client.post(f"/meetings/{meeting.pk}/agenda/{a.pk}/move/", {"direction": "up"})
    assert response.status_code == 400 and "Item 1 is already first" in response.content.decode()
    assert client.post(f"/meetings/{meeting.pk}/agenda/{a.pk}/move/", {"direction": "sideways"}).status_code == 400
    moved = AuditEvent.objects.get(verb="updated", target_type="meetings.agendaitem", target_id=str(c.pk))
    assert moved.changes == {"number": [3, 2]}


def test_removing_an_item_closes_the_gap(demo):
    """The items after a removed one move up, and the removal is audited."""
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    items = [add_item(demo["business"], meeting, t) for t in "ABCD"]
    removed = items[1].pk
    agenda_item_remove(actor=demo["business"], item=items[1])
    assert _numbers(meeting) == [(1, "A"), (2, "C"), (3, "D")]
    event = AuditEvent.objects.get(verb="deleted", target_type="meetings.agendaitem", target_id=str(removed))
    assert event.changes["item"] == ["2. B", None]


def test_an_item_with_circulated_papers_cannot_be_removed(client, demo, django_capture_on_commit_callbacks):
    """Once a paper has gone out, the item stays (the refusal says why, with a 400)."""
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    invite(meeting, "Ayla Brennan")
    item = add_item(demo["business"], meeting, "Circulated")
    add_paper(demo["business"], item)
    papers_circulate(actor=demo["business"], meeting=meeting)
    response = sign_in(client, demo["business"]).post(f"/meetings/{meeting.pk}/agenda/{item.pk}/remove/")
    assert response.status_code == 400
    assert "its papers have been circulated" in html.unescape(response.content.decode())
    assert AgendaItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize(("status", "minutes", "open_"), [
    ("scheduled", None, True), ("held", None, True), ("held", "draft", True), ("held", "approved", False),
    ("cancelled", None, False),
])
def test_when_the_agenda_can_change(demo, status, minutes, open_):
    """Open while scheduled, and once held until the minutes are approved; never for a cancelled meeting."""
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10), status=status)
    if minutes:
        Minutes.objects.create(meeting=meeting, status=minutes)
    if open_:
        assert add_item(demo["business"], meeting, "Late item").number == 1
    else:
        with pytest.raises(ValidationError):
            add_item(demo["business"], meeting, "Late item")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["up", "down", "remove", "add"]), st.integers(0, 5)), max_size=12))
def test_numbers_stay_unique_and_contiguous(demo, operations):
    """Whatever moves, removals and additions happen, the items are numbered 1..n in their order."""
    meeting = meeting_on(demo["subgroup"], date(2026, 3, 10))
    for title in "ABC":
        add_item(demo["business"], meeting, title)
    expected = list("ABC")
    for op, index in operations:
        items = list(AgendaItem.objects.filter(meeting=meeting).order_by("number"))
        if op == "add" or not items:
            add_item(demo["business"], meeting, f"N{len(expected)}")
            expected.append(f"N{len(expected)}")
            continue
        i = index % len(items)
        if op == "remove":
            agenda_item_remove(actor=demo["business"], item=items[i])
            expected.pop(i)
            continue
        j = i - 1 if op == "up" else i + 1
        try:
            agenda_item_move(actor=demo["business"], item=items[i], direction=op)
        except ValidationError:
            assert not 0 <= j < len(items)
        else:
            expected[i], expected[j] = expected[j], expected[i]
    assert _numbers(meeting) == list(enumerate(expected, start=1))
