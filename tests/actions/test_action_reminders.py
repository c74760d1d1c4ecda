"""Action reminders: once when due within the person's window (5 days unless they chose otherwise), once when
overdue, to the lead and their agency's contributors, through a real SMTP server; never twice, and a moved due
date earns a new one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from casereview.accounts.models import User
from casereview.actions.models import Action, ActionReminder
from casereview.actions.reminders import action_reminders_send
from casereview.audit.models import AuditEvent
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Agency, AgencyKind, Partnership, Person
from casereview.reminders.models import ReminderPreference

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture
def police_action(db):
    load_demo()
    partnership = Partnership.objects.get()
    police = Agency.objects.get(partnership=partnership, kind=AgencyKind.POLICE)
    owner = Person.objects.get(full_name="Devon Okafor")

    def make(due: date, status: str = "on_track") -> Action:
        return Action.objects.create(partnership=partnership, title="Brief officers (fictional)", owner=owner,
                                     agency=police, due_date=due, status=status, set_on=TODAY - timedelta(days=60))
    return make


@pytest.mark.parametrize(("due", "kind"), [
    (TODAY + timedelta(days=5), "due_soon"),   # the first day of the default 5-day window
    (TODAY, "due_soon"),                        # due today is not yet overdue
    (TODAY - timedelta(days=1), "overdue"),
    (TODAY - timedelta(days=90), "overdue"),
    (TODAY + timedelta(days=6), None),          # not yet
])
def test_which_reminder_is_due(police_action, due, kind, django_capture_on_commit_callbacks):
    action = police_action(due)
    with django_capture_on_commit_callbacks(execute=True):
        sent = action_reminders_send(today=TODAY)
    assert [(s.action_id, s.kind) for s in sent] == ([(action.pk, kind)] if kind else [])


@pytest.mark.parametrize("status", ["complete", "closed"])
def test_finished_actions_get_no_reminder(police_action, status):
    police_action(TODAY - timedelta(days=3), status=status)
    assert action_reminders_send(today=TODAY) == []


def test_reminder_reaches_the_lead_and_the_agencys_contributor_once(police_action, smtp_inbox,
                                                                    django_capture_on_commit_callbacks):
    action = police_action(TODAY - timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        action_reminders_send(today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders_send(today=TODAY + timedelta(days=1)) == []  # the next day: already sent
    assert sorted(m["To"] for m in smtp_inbox.messages) == ["contributor@northmoor.example",
                                                            "member@northmoor.example"]
    message = smtp_inbox.messages[0]
    assert message["Subject"].startswith("Overdue action:")
    body = message.get_payload(decode=True).decode()
    assert f"/actions/{action.pk}/" in body and "Child" not in body
    event = AuditEvent.objects.get(verb="sent", target_type="actions.action", target_id=str(action.pk))
    assert event.actor_label == "system: action reminders" and event.changes["reminder"] == [None, "overdue"]


def test_a_moved_due_date_earns_a_new_reminder(police_action):
    action = police_action(TODAY + timedelta(days=3))
    assert len(action_reminders_send(today=TODAY)) == 1
    Action.objects.filter(pk=action.pk).update(due_date=TODAY + timedelta(days=5))
    assert len(action_reminders_send(today=TODAY)) == 1
    assert ActionReminder.objects.filter(action=action).count() == 2


def test_due_soon_then_overdue_are_two_reminders(police_action):
    police_action(TODAY + timedelta(days=2))
    assert [s.kind for s in action_reminders_send(today=TODAY)] == ["due_soon"]
    assert [s.kind for s in action_reminders_send(today=TODAY + timedelta(days=3))] == ["overdue"]
    assert action_reminders_send(today=TODAY + timedelta(days=4)) == []


def test_the_command_reports_what_it_sent(police_action, capsys):
    police_action(date.today() - timedelta(days=1))
    call_command("send_action_reminders")
    call_command("send_action_reminders")
    assert capsys.readouterr().out.splitlines() == ["1 reminder sent.", "0 reminders sent."]


def test_each_persons_choices_decide_their_reminders(police_action):
    """A contributor who asked for 7 days' notice is told first; the lead (5 days) later; overdue off means none."""
    ReminderPreference.objects.create(user=User.objects.get(username="contributor"), days_before=7, overdue=False)
    police_action(TODAY + timedelta(days=7))
    assert [s.recipients for s in action_reminders_send(today=TODAY)] == [("contributor@northmoor.example",)]
    assert action_reminders_send(today=TODAY + timedelta(days=1)) == []
    assert [s.recipients for s in action_reminders_send(today=TODAY + timedelta(days=2))] == [
        ("member@northmoor.example",)]
    assert [(s.kind, s.recipients) for s in action_reminders_send(today=TODAY + timedelta(days=8))] == [
        ("overdue", ("member@northmoor.example",))]
    assert ActionReminder.objects.get(kind="due_soon").recipients == ["contributor@northmoor.example",
                                                                      "member@northmoor.example"]
