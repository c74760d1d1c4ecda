"""The database backend and `db_worker`, run in-process with real commits: nothing lost, nothing sent twice."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from casereview.outbox.models import OutboxMessage, Status
from casereview.outbox.scheduler import SWEEP_GRACE, scheduler_tick
from casereview.outbox.services import outbox_queue
from tests.outbox.immediate_tasks import DATABASE
from tests.outbox.support import run_worker

pytestmark = pytest.mark.django_db(transaction=True)
NO_SCAN = time.max  # these ticks are about the sweep only


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = DATABASE


def _commit_a_message(key="reminder:1") -> OutboxMessage:
    with transaction.atomic():
        message, _ = outbox_queue(to="lead@example.test", subject="Overdue action", body="Due on Monday.",
                                  key=key, about="the reminder")
    return message


def _pass_time(minutes: float) -> None:
    """Move every waiting task and message `minutes` earlier, as if that much time had passed."""
    delta = timedelta(minutes=minutes)
    for task in DBTaskResult.objects.exclude(run_after__isnull=True):
        if task.run_after.year < 9999:  # the backend stores "no run_after" as the far future
            task.run_after -= delta
            task.save(update_fields=["run_after"])
    for message in OutboxMessage.objects.exclude(next_attempt_at__isnull=True):
        message.next_attempt_at -= delta
        message.save(update_fields=["next_attempt_at"])


def test_commit_enqueues_a_task_that_the_worker_delivers(mail_server):
    """Committing writes one delivery task; nothing is sent until the worker runs it, then exactly once."""
    message = _commit_a_message()
    assert DBTaskResult.objects.filter(status="READY").count() == 1 and mail_server.messages == []
    run_worker()
    run_worker()
    message.refresh_from_db()
    assert message.status == Status.SENT and len(mail_server.messages) == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_outage_retries_at_the_back_off_time_then_delivers_once(mail_server):
    """With the server down the worker records the failure and enqueues a retry for later; it then arrives once."""
    message = _commit_a_message()
    mail_server.stop()
    run_worker()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 1)
    retry = DBTaskResult.objects.get(status="READY")
    assert abs(retry.run_after - message.next_attempt_at) < timedelta(seconds=1)
    run_worker()  # not yet time: the retry waits
    assert OutboxMessage.objects.get().attempts == 1
    mail_server.start()
    _pass_time(1)
    run_worker()
    run_worker()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 2) and len(mail_server.messages) == 1


def test_a_task_lost_with_its_worker_is_made_good_by_the_sweep(mail_server):
    """A worker that claimed the task and died leaves it "running" for ever; the scheduler's sweep sends it."""
    message = _commit_a_message()
    DBTaskResult.objects.update(status="RUNNING", started_at=timezone.now())  # claimed, then the worker was killed
    run_worker()
    assert mail_server.messages == []
    assert scheduler_tick(now=timezone.now() - timedelta(hours=12), scan_at=NO_SCAN) == []  # not yet due
    assert "sweep" in scheduler_tick(now=message.next_attempt_at + SWEEP_GRACE, scan_at=NO_SCAN)
    # one sweep waiting in the queue is enough
    assert "sweep" not in scheduler_tick(now=message.next_attempt_at + SWEEP_GRACE, scan_at=NO_SCAN)
    run_worker()
    message.refresh_from_db()
    assert message.status == Status.SENT and len(mail_server.messages) == 1
    assert "sweep" not in scheduler_tick(now=timezone.now() + timedelta(hours=1), scan_at=NO_SCAN)  # nothing is due
