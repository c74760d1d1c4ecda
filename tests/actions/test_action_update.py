"""Updating an action through the ACTION lifecycle with a note: the business team changes anything, a
contributor only their own agency's actions and never to closed; every change is audited and shown."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casereview.accounts.models import User
from casereview.actions.models import Action
from casereview.actions.services import CLOSE_NEEDS_SIGN_OFF, action_update, statuses_open_to
from casereview.audit.models import AuditEvent
from tests.actions.governance_helpers import gov, person  # noqa: F401  (gov is a fixture)
from tests.conftest import sign_in

TODAY = date(2026, 3, 2)


def _action(gov, owner="Priya", status="not_started"):  # noqa: F811
    who = person(owner)
    return Action.objects.create(partnership=gov["crs"].partnership, title="Share the briefing", owner=who,
                                 agency=who.agency, due_date=date(2026, 4, 1), status=status, set_on=date(2026, 1, 5))


def _contributor():
    return User.objects.get(username="contributor")


def test_contributor_marks_their_agencys_action_complete(gov):  # noqa: F811
    """The police contributor moves a police action to complete, with a note; the audit row keeps both."""
    action = action_update(actor=_contributor(), action=_action(gov), status="complete", note="Briefing shared.",
                           today=TODAY)
    assert (action.status, action.completed_on) == ("complete", TODAY)
    event = AuditEvent.objects.filter(target_type="actions.action", verb="updated").get()
    assert event.changes["status"] == ["not_started", "complete"] and event.changes["note"] == [None,
                                                                                                "Briefing shared."]


def test_contributor_cannot_close(gov):  # noqa: F811
    """Closing is the group's sign-off: a contributor is told so, and is not offered it."""
    action = _action(gov, status="complete")
    assert "closed" not in statuses_open_to(_contributor(), action)
    with pytest.raises(ValidationError) as caught:
        action_update(actor=_contributor(), action=action, status="closed", note="Done.", today=TODAY)
    assert caught.value.message_dict == {"status": [CLOSE_NEEDS_SIGN_OFF]}


def test_contributor_cannot_touch_another_agencys_action(gov):  # noqa: F811
    """An LA action is out of the police contributor's reach."""
    with pytest.raises(PermissionDenied):
        action_update(actor=_contributor(), action=_action(gov, owner="Ayla"), status="on_track", note="x",
                      today=TODAY)


def test_business_team_closes_and_re_dates(gov):  # noqa: F811
    """The business team may close a complete action, and re-date or re-assign an action."""
    action = _action(gov, status="complete")
    action = action_update(actor=gov["admin"], action=action, status="closed", note="Signed off by the group.",
                           today=TODAY)
    assert (action.status, action.closed_on) == ("closed", TODAY)
    other = action_update(actor=gov["admin"], action=_action(gov), note="Moved to the LA.", today=TODAY,
                          due_date=date(2026, 5, 1), owner=person("Ayla"))
    assert (other.due_date, other.owner, other.agency) == (date(2026, 5, 1), person("Ayla"), person("Ayla").agency)


@pytest.mark.parametrize("before, after, message", [
    ("not_started", "closed", "action that is not started cannot become closed; it can become at risk, complete, "
                              "on track."),
    ("closed", "on_track", "action that is closed cannot become on track; it can become nothing."),
    ("on_track", "not_started", "action that is on track cannot become not started; it can become at risk, "
                                "complete."),
])
def test_lifecycle_refusals_say_what_is_allowed(gov, before, after, message):  # noqa: F811
    """A move the ACTION table does not list is refused with the allowed moves."""
    with pytest.raises(ValidationError) as caught:
        action_update(actor=gov["admin"], action=_action(gov, status=before), status=after, note="Try.", today=TODAY)
    [refusal] = caught.value.message_dict["status"]
    assert refusal.endswith(message)  # the article ("A"/"An") comes from the domain's Lifecycle


def test_reopening_clears_the_completion_date(gov):  # noqa: F811
    """Complete → on track (evidence not accepted) clears the completion date."""
    action = action_update(actor=gov["admin"], action=_action(gov), status="complete", note="Done.", today=TODAY)
    action = action_update(actor=gov["admin"], action=action, status="on_track", note="Evidence missing.",
                           today=TODAY)
    assert action.completed_on is None


def test_a_note_is_needed(gov):  # noqa: F811
    """Every update carries a note."""
    with pytest.raises(ValidationError) as caught:
        action_update(actor=gov["admin"], action=_action(gov), status="on_track", note="  ", today=TODAY)
    assert caught.value.message_dict == {"note": ["Add a note saying what has happened"]}


def test_update_page_and_history(client, gov):  # noqa: F811
    """The update form saves a status and note; the action page shows them in its history."""
    action = _action(gov)
    sign_in(client, _contributor())
    form_page = client.get(f"/actions/{action.pk}/update/")
    assert form_page.status_code == 200 and 'name="due_date"' not in form_page.content.decode()
    bad = client.post(f"/actions/{action.pk}/update/", {"status": "on_track", "note": ""})
    assert bad.status_code == 400 and "Add a note saying what has happened" in bad.content.decode()
    response = client.post(f"/actions/{action.pk}/update/", {"status": "at_risk", "note": "Waiting on IT."},
                           follow=True)
    page = response.content.decode()
    assert "Action updated" in page and "Status: Not started → At risk" in page and "Waiting on IT." in page


def test_chair_cannot_open_the_update_form(client, gov):  # noqa: F811
    """A chair reads actions but does not update them."""
    action = _action(gov)
    sign_in(client, User.objects.get(username="chair"))
    assert client.get(f"/actions/{action.pk}/").status_code == 200
    assert client.get(f"/actions/{action.pk}/update/").status_code == 403
