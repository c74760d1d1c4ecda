"""The periodic jobs: a sweep of due outbox messages every minute and one deadline scan a day.

django-tasks runs tasks but does not schedule them, so `manage.py run_scheduler` calls `scheduler_tick` once a
minute. A tick only enqueues work for the worker, and both of its jobs are safe to run twice:

- the sweep is enqueued when some message has been due for more than a minute (its own task was lost, or it
  is a retry on a backend that cannot wait), and not while a sweep is already waiting in the queue;
- the deadline scan of a day is claimed in the database (DeadlineScan, unique per day) when it is enqueued,
  at or after SCAN_AT (UK time), so a second scheduler or a restart does not enqueue it again; a scan that has
  not finished an hour after it was enqueued (the worker died) is enqueued again. Every scan is idempotent.

To add a clock's reminders to the daily scan, add its function to DEADLINE_SCANS: it is called as
`function(today=date)`, must send each reminder at most once however often it runs, and queue its mail through
the outbox (casereview.web.mail.notice_send).
"""

from __future__ import annotations

import logging
from collections.abc import Sized
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .delivery import due, outbox_sweep
from .models import DeadlineScan, OutboxMessage

logger = logging.getLogger(__name__)

# Each is called once a day with today=<date>; add the reminder function of every clock here.
DEADLINE_SCANS: list[str] = [
    "casereview.actions.reminders.action_reminders_send",
    "casereview.reminders.scan.deadline_reminders_send",
    "casereview.reminders.digest.weekly_digests_send",
]
SCAN_AT = time(6, 0)  # UK time: reminders arrive before the working day starts
SCAN_STALE = timedelta(hours=1)
SWEEP_GRACE = timedelta(minutes=1)  # a new message's own delivery task normally sends it well within this


def deadline_scan_run(*, day: date, scans: list[str] | None = None) -> dict:
    """Run each deadline scan for `day`, then deliver what is due; return {scan: count sent or "failed"}.

    One scan failing does not stop the others; the day is marked finished only when all succeeded, so the
    scheduler runs it again later (the scans send nothing twice).
    """
    DeadlineScan.objects.update_or_create(day=day, defaults={"started_at": timezone.now()},
                                          create_defaults={"enqueued_at": timezone.now(),
                                                           "started_at": timezone.now()})
    summary: dict[str, int | str] = {}
    for path in DEADLINE_SCANS if scans is None else scans:
        try:
            result = import_string(path)(today=day)
        except Exception:
            logger.exception("The deadline scan %s failed for %s", path, day.isoformat())
            summary[path] = "failed"
        else:
            summary[path] = len(result) if isinstance(result, Sized) else 0
    summary["outbox sent"] = outbox_sweep()
    finished = timezone.now() if "failed" not in summary.values() else None
    DeadlineScan.objects.filter(day=day).update(finished_at=finished, summary=summary)
    return summary


def scheduler_tick(*, now: datetime | None = None, scan_at: time = SCAN_AT) -> list[str]:
    """Enqueue the periodic jobs that are due at `now`; return their names ("sweep", "deadline scan")."""
    from .tasks import deadline_scan, deliver_due

    now = now or timezone.now()
    enqueued = []
    if OutboxMessage.objects.filter(due(now - SWEEP_GRACE)).exists() and not _waiting(deliver_due):
        deliver_due.enqueue()
        enqueued.append("sweep")
    local = timezone.localtime(now)
    if local.time() >= scan_at and _claim_scan(local.date(), now):
        deadline_scan.enqueue(local.date().isoformat())
        enqueued.append("deadline scan")
    return enqueued


def _claim_scan(day: date, now: datetime) -> bool:
    """Claim the day's scan for enqueueing: True the first time, or when an earlier one never finished."""
    with transaction.atomic():
        scan, created = DeadlineScan.objects.select_for_update().get_or_create(day=day,
                                                                               defaults={"enqueued_at": now})
        if created:
            return True
        if scan.finished_at is None and scan.enqueued_at <= now - SCAN_STALE:
            scan.enqueued_at = now
            scan.save(update_fields=["enqueued_at"])
            return True
    return False


def _waiting(job) -> bool:
    """Whether the database backend already holds a run of `job` that has not started."""
    from django_tasks_db import DatabaseBackend

    backend = job.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(backend_name=backend.alias, task_path=job.module_path,
                                       status="READY").exists()
