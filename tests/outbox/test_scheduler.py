"""The scheduler: one deadline scan a day (after 06:00 UK time), a sweep when mail is overdue; reminders once."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from casereview.actions.models import Action
from casereview.outbox import scheduler
from casereview.outbox.models import DeadlineScan, OutboxMessage, Status
from casereview.outbox.scheduler import deadline_scan_run, scheduler_tick
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Agency, AgencyKind, Partnership, Person

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 3, 3)  # a Tuesday: no weekly digest


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def overdue_action(db):
    """A police action in the demo partnership, overdue on TODAY."""
    load_demo()
    partnership = Partnership.objects.get()
    return Action.objects.create(
        partnership=partnership, title="Brief officers (fictional)", owner=Person.objects.get(full_name="Devon Okafor"),
        agency=Agency.objects.get(partnership=partnership, kind=AgencyKind.POLICE), due_date=TODAY - timedelta(days=2),
        status="on_track", set_on=TODAY - timedelta(days=60))


def test_the_deadline_scan_sends_action_reminders_once(overdue_action, mail_server,
                                                       django_capture_on_commit_callbacks):
    """The daily scan e-mails the overdue reminder to the lead and the agency's contributor, and never again."""
    with django_capture_on_commit_callbacks(execute=True):
        summary = deadline_scan_run(day=TODAY)
    assert summary["casereview.actions.reminders.action_reminders_send"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        deadline_scan_run(day=TODAY)
        deadline_scan_run(day=TODAY + timedelta(days=1))
    assert sorted(m["To"] for m in mail_server.messages) == ["contributor@northmoor.example",
                                                             "member@northmoor.example"]
    assert all(m["Subject"].startswith("Overdue action:") for m in mail_server.messages)
    partnership = overdue_action.partnership
    assert set(OutboxMessage.objects.values_list("status", "partnership")) == {(Status.SENT, partnership.pk)}
    assert DeadlineScan.objects.get(day=TODAY).finished_at is not None


def test_the_scheduler_runs_the_scan_once_a_day_after_six(overdue_action, mail_server,
                                                          django_capture_on_commit_callbacks):
    """Ticks before 06:00 do nothing; the first tick after enqueues the day's scan; later ticks do not."""
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduler_tick(now=at(5, 59)) == []
        assert scheduler_tick(now=at(6, 0)) == ["deadline scan"]
        assert scheduler_tick(now=at(6, 1)) == []
        assert scheduler_tick(now=at(23, 0)) == []
    assert len(mail_server.messages) == 2
    assert list(DeadlineScan.objects.values_list("day", flat=True)) == [TODAY]
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduler_tick(now=at(6, 0, TODAY + timedelta(days=1))) == ["deadline scan"]
    assert len(mail_server.messages) == 2  # the next day's scan finds the reminder already sent


def test_a_scheduler_started_late_catches_up_the_day(db):
    """Started at 14:00 with no scan yet today, the scheduler enqueues it at once."""
    assert scheduler_tick(now=at(14, 0)) == ["deadline scan"]


def test_a_scan_that_never_finished_is_enqueued_again_after_an_hour(db, monkeypatch):
    """If the worker died during the scan, it is enqueued again an hour later (scans send nothing twice)."""
    monkeypatch.setattr(scheduler, "deadline_scan_run", lambda **kwargs: {})  # the worker "dies": nothing finishes
    assert scheduler_tick(now=at(6, 0)) == ["deadline scan"]
    assert scheduler_tick(now=at(6, 59)) == []
    assert scheduler_tick(now=at(7, 0)) == ["deadline scan"]
    DeadlineScan.objects.update(finished_at=at(7, 5))
    assert scheduler_tick(now=at(9, 0)) == []


def test_a_failing_scan_does_not_stop_the_others(db, monkeypatch, caplog):
    """One scan raising is logged; the others still run, and the day stays unfinished so it is tried again."""
    calls = []
    monkeypatch.setattr(scheduler, "DEADLINE_SCANS", ["tests.outbox.test_scheduler.broken_scan",
                                                      "tests.outbox.test_scheduler.counting_scan"])
    monkeypatch.setattr("tests.outbox.test_scheduler.CALLS", calls)
    summary = deadline_scan_run(day=TODAY)
    assert summary["tests.outbox.test_scheduler.broken_scan"] == "failed"
    assert summary["tests.outbox.test_scheduler.counting_scan"] == 0 and calls == [TODAY]
    assert DeadlineScan.objects.get(day=TODAY).finished_at is None
    assert "The deadline scan tests.outbox.test_scheduler.broken_scan failed" in caplog.text


CALLS: list = []


def broken_scan(*, today):
    raise RuntimeError("a bug in one clock's reminders")


def counting_scan(*, today):
    CALLS.append(today)
    return []


def test_the_sweep_is_enqueued_only_when_mail_is_overdue(mail_server, django_capture_on_commit_callbacks):
    """No sweep while nothing is late; once a failed message's retry time has passed, the sweep sends it."""
    from casereview.outbox.services import outbox_queue

    mail_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        message, _ = outbox_queue(to="a@example.test", subject="x", body="y", key="k:1")
    message.refresh_from_db()
    assert message.status == Status.FAILED
    quiet = {"scan_at": datetime.max.time()}
    assert scheduler_tick(now=message.next_attempt_at, **quiet) == []
    mail_server.start()
    assert scheduler_tick(now=message.next_attempt_at + timedelta(minutes=1), **quiet) == ["sweep"]
    message.refresh_from_db()
    assert message.status == Status.FAILED  # the immediate backend sweeps at the real time: not due yet
    scheduler.outbox_sweep(now=message.next_attempt_at)
    message.refresh_from_db()
    assert message.status == Status.SENT and len(mail_server.messages) == 1


def test_the_command_runs_one_tick(db, capsys):
    """`run_scheduler --once` runs one tick and says what it enqueued."""
    call_command("run_scheduler", "--once", "--scan-at", "00:00")
    assert "Enqueued: deadline scan." in capsys.readouterr().out
    assert DeadlineScan.objects.count() == 1


@pytest.mark.parametrize("args", [["--scan-at", "25:00"], ["--interval", "0"]])
def test_the_command_refuses_bad_options(db, args):
    """A scan time that is not a time, or a zero interval, is refused with a message."""
    with pytest.raises(CommandError):
        call_command("run_scheduler", "--once", *args)
