"""Each person's choices decide their reminders; the "Reminders and digest" page saves them with an audit event."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command

from casereview.audit.models import AuditEvent
from casereview.reminders.models import ReminderPreference
from casereview.reminders.scan import deadline_reminders_send
from tests.conftest import sign_in
from tests.reminders.helpers import BUSINESS

pytestmark = pytest.mark.django_db
CONTRIBUTOR = "contributor@northmoor.example"
URL = "/reminders/preferences/"


def _sent_to(case, today) -> dict[str, str]:
    return {email: s.kind for s in deadline_reminders_send(today=today) if s.object_key == case.key
            for email in s.recipients}


def test_switched_off_means_nothing(world):
    """Someone who switched off both kinds is sent neither; the others still are."""
    ReminderPreference.objects.create(user=world.user("business.manager"), before_due=False, overdue=False)
    case = world.case("agency_return")
    assert _sent_to(case, case.due - timedelta(days=2)) == {CONTRIBUTOR: "due_soon"}
    assert _sent_to(case, case.due + timedelta(days=1)) == {CONTRIBUTOR: "overdue"}


def test_days_before_moves_the_day(world):
    """A person who asked for 10 days' notice is told five days before everyone else."""
    ReminderPreference.objects.create(user=world.user("business.manager"), days_before=10)
    case = world.case("agency_return")
    assert _sent_to(case, case.due - timedelta(days=11)) == {}
    assert _sent_to(case, case.due - timedelta(days=10)) == {BUSINESS: "due_soon"}
    assert _sent_to(case, case.due - timedelta(days=6)) == {}
    assert _sent_to(case, case.due - timedelta(days=5)) == {CONTRIBUTOR: "due_soon"}


def test_the_page_shows_the_defaults_to_someone_who_never_chose(world, client):
    """A signed-in person sees their choices, the defaults until they save some."""
    sign_in(client, world.user("scrutineer"))
    page = client.get(URL).content.decode()
    assert "Reminders and digest" in page and 'value="5"' in page


def test_the_page_saves_choices_and_audits_them(world, client):
    """Saving records the changed choices in the audit trail."""
    user = world.user("chair")
    sign_in(client, user)
    response = client.post(URL, {"before_due": "on", "days_before": "9", "weekly_digest": "on"})
    assert response.status_code == 302 and response["Location"] == URL
    saved = ReminderPreference.objects.get(user=user)
    assert (saved.before_due, saved.days_before, saved.overdue, saved.weekly_digest) == (True, 9, False, True)
    event = AuditEvent.objects.get(verb="updated", target_type="reminders.reminderpreference")
    assert event.changes == {"days_before": [5, 9], "overdue": [True, False]}
    assert event.actor_id == user.pk


@pytest.mark.parametrize(("value", "message"), [
    ("20", "Enter a number of days from 1 to 14"),
    ("0", "Enter a number of days from 1 to 14"),
    ("five", "Enter the number of days as a whole number, like 5"),
    ("", "Enter how many days before the due date to remind you"),
])
def test_bad_days_are_explained_by_the_field_and_nothing_is_saved(world, client, value, message):
    """A bad number of days gets a message in the error summary and by the field; nothing is saved."""
    sign_in(client, world.user("member"))
    response = client.post(URL, {"before_due": "on", "days_before": value})
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and 'href="#id_days_before"' in page
    assert page.count(message) >= 2 and "govuk-error-message" in page
    assert not ReminderPreference.objects.exists()
    assert not AuditEvent.objects.filter(target_type="reminders.reminderpreference").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    """The page is for signed-in people only."""
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")


def test_the_command_reports_what_it_sent(world, capsys):
    """`manage.py send_reminders` runs the scan by hand; a second run sends nothing."""
    case = world.case("practice_milestone")
    type(case.target).objects.filter(pk=case.target.pk).update(planned_on=world.today + timedelta(days=2))
    call_command("send_reminders")
    call_command("send_reminders")
    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith("1 reminder and") and second == "0 reminders and 0 digests sent."
