"""Closing an action is the group's sign-off: only the business team records it, only from complete, with a
note and optionally the held meeting where the group decided; evidence not accepted reopens it (on track)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import escape

from casereview.accounts.models import User
from casereview.actions.models import Action
from casereview.actions.services import statuses_open_to
from casereview.actions.update_services import NOT_COMPLETE, action_reopen, action_sign_off
from casereview.audit.models import AuditEvent
from tests.actions.governance_helpers import gov, meeting_on, person  # noqa: F401  (gov is a fixture)
from tests.conftest import PartnershipFactory, sign_in

TODAY = date(2026, 3, 2)
NOTE_REQUIRED = "Record the group's decision: what evidence it accepted, or why it did not"


def _action(gov, status="complete", owner="Priya"):  # noqa: F811
    who = person(owner)
    return Action.objects.create(partnership=gov["crs"].partnership, title="Train officers", owner=who,
                                 agency=who.agency, due_date=date(2026, 6, 1), status=status,
                                 set_on=date(2026, 1, 5), completed_on=date(2026, 2, 20) if status == "complete"
                                 else None)


def test_sign_off_closes_with_who_when_why_and_where(gov):  # noqa: F811
    """The business team records the sign-off at a held meeting: closed, by whom, when, the note, the meeting."""
    meeting = meeting_on(gov["crs"], date(2026, 2, 24), status="held", quorate=True)
    action = action_sign_off(actor=gov["admin"], action=_action(gov), note="Training register seen.", today=TODAY,
                             meeting=meeting)
    assert (action.status, action.closed_on, action.closed_by, action.sign_off_note, action.sign_off_meeting) == (
        "closed", TODAY, gov["admin"], "Training register seen.", meeting)
    event = AuditEvent.objects.filter(target_type="actions.action", verb="approved").get()
    assert event.changes["status"] == ["complete", "closed"] and event.changes["note"] == [
        None, "Training register seen."]


@pytest.mark.parametrize("status", ["not_started", "on_track", "at_risk", "closed"])
def test_sign_off_only_from_complete(gov, status):  # noqa: F811
    """An action that is not complete cannot be signed off."""
    with pytest.raises(ValidationError) as caught:
        action_sign_off(actor=gov["admin"], action=_action(gov, status=status), note="Seen.", today=TODAY)
    assert caught.value.message_dict == {"__all__": [NOT_COMPLETE]}


@pytest.mark.parametrize("username", ["contributor", "chair", "member", "scrutineer"])
def test_only_the_business_team_signs_off(gov, username):  # noqa: F811
    """Not the owning agency's contributor, nor a chair, member or scrutineer."""
    with pytest.raises(PermissionDenied):
        action_sign_off(actor=User.objects.get(username=username), action=_action(gov), note="Seen.", today=TODAY)
    with pytest.raises(PermissionDenied):
        action_reopen(actor=User.objects.get(username=username), action=_action(gov), reason="No.", today=TODAY)


@pytest.mark.parametrize("note", ["", "   "])
def test_a_note_is_required(gov, note):  # noqa: F811
    """The sign-off says what evidence the group accepted."""
    with pytest.raises(ValidationError) as caught:
        action_sign_off(actor=gov["admin"], action=_action(gov), note=note, today=TODAY)
    assert caught.value.message_dict == {"note": [NOTE_REQUIRED]}


def test_the_meeting_must_be_a_held_meeting_of_the_partnership(gov):  # noqa: F811
    """A scheduled meeting, or another partnership's, is refused."""
    scheduled = meeting_on(gov["crs"], date(2026, 3, 20))
    with pytest.raises(ValidationError) as caught:
        action_sign_off(actor=gov["admin"], action=_action(gov), note="Seen.", today=TODAY, meeting=scheduled)
    assert caught.value.message_dict == {"meeting": ["Choose a meeting of the partnership that has been held"]}
    other = PartnershipFactory()
    elsewhere = meeting_on(gov["crs"], date(2026, 2, 1), status="held")
    elsewhere.partnership = other
    with pytest.raises(ValidationError):
        action_sign_off(actor=gov["admin"], action=_action(gov), note="Seen.", today=TODAY, meeting=elsewhere)


def test_evidence_not_accepted_reopens_on_track(gov):  # noqa: F811
    """Reopening needs a reason, moves complete → on track, clears the completion date, and is in the history."""
    with pytest.raises(ValidationError):
        action_reopen(actor=gov["admin"], action=_action(gov), reason="", today=TODAY)
    action = action_reopen(actor=gov["admin"], action=_action(gov), reason="No register attached.", today=TODAY)
    assert (action.status, action.completed_on, action.closed_on) == ("on_track", None, None)
    event = AuditEvent.objects.filter(target_type="actions.action", verb="updated").get()
    assert event.changes["note"] == [None, "Evidence not accepted: No register attached."]
    with pytest.raises(ValidationError):
        action_reopen(actor=gov["admin"], action=action, reason="Again.", today=TODAY)


def test_closing_is_not_offered_as_an_update(gov):  # noqa: F811
    """Neither the business team nor a contributor is offered "closed" in an update: it is the sign-off."""
    action = _action(gov)
    assert "closed" not in statuses_open_to(gov["admin"], action)
    assert statuses_open_to(User.objects.get(username="contributor"), action) == ["on_track"]


def test_sign_off_page(client, gov):  # noqa: F811
    """The business team records the decision on the page; the action page then shows the sign-off."""
    meeting = meeting_on(gov["crs"], date(2026, 2, 24), status="held", quorate=True)
    action = _action(gov)
    sign_in(client, gov["admin"])
    detail = client.get(f"/actions/{action.pk}/").content.decode()
    assert f'href="/actions/{action.pk}/sign-off/"' in detail
    bad = client.post(f"/actions/{action.pk}/sign-off/", {"decision": "close", "note": ""})
    assert bad.status_code == 400 and escape(NOTE_REQUIRED) in bad.content.decode()
    response = client.post(f"/actions/{action.pk}/sign-off/",
                           {"decision": "close", "note": "Register seen.", "meeting": meeting.pk}, follow=True)
    page = response.content.decode()
    assert escape("The group's decision is recorded") in page and "Register seen." in page
    assert "The Case Review Subgroup meeting on Tuesday 24 February 2026" in page


def test_sign_off_page_refuses_an_incomplete_action(client, gov):  # noqa: F811
    """The page warns that the action is not complete, and a POST is refused with the reason."""
    action = _action(gov, status="on_track")
    sign_in(client, gov["admin"])
    assert escape(NOT_COMPLETE) in client.get(f"/actions/{action.pk}/sign-off/").content.decode()
    refused = client.post(f"/actions/{action.pk}/sign-off/", {"decision": "close", "note": "Seen."})
    assert refused.status_code == 400
    assert Action.objects.get(pk=action.pk).status == "on_track"


def test_reopen_on_the_page(client, gov):  # noqa: F811
    """Choosing "not accepted" reopens the action with the reason in its history."""
    action = _action(gov)
    sign_in(client, gov["admin"])
    client.post(f"/actions/{action.pk}/sign-off/", {"decision": "reopen", "note": "No register attached."})
    assert Action.objects.get(pk=action.pk).status == "on_track"
    assert "Evidence not accepted: No register attached." in client.get(f"/actions/{action.pk}/").content.decode()


@pytest.mark.parametrize("username, expected", [("contributor", 403), ("chair", 403)])
def test_others_cannot_open_the_sign_off_page(client, gov, username, expected):  # noqa: F811
    """The owning agency's contributor and a chair may not record the sign-off."""
    action = _action(gov)
    sign_in(client, User.objects.get(username=username))
    assert client.get(f"/actions/{action.pk}/sign-off/").status_code == expected


def test_every_status_change_goes_through_the_lifecycle_table(db):
    """The shared write path refuses a move the ACTION table does not list (not started straight to closed),
    whichever service calls it."""
    from datetime import date as _date

    from django.core.exceptions import ValidationError as _ValidationError

    from casereview.actions.models import Action as _Action
    from casereview.actions.services import _apply

    action = _Action(status="not_started", due_date=_date(2026, 6, 1), set_on=_date(2026, 1, 1))
    with pytest.raises(_ValidationError, match="cannot become closed"):
        _apply(action, "closed", _date(2026, 2, 1), None, None)
    assert action.status == "not_started"
    assert _apply(action, "on_track", _date(2026, 2, 1), None, None)["status"] == ["not_started", "on_track"]
