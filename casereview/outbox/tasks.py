"""Background tasks (django-tasks API): deliver one message, deliver everything due, and the daily deadline scan.

Run by `manage.py db_worker`; `manage.py run_scheduler` enqueues the periodic ones (see scheduler.py).
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from django_tasks import task

from .delivery import outbox_deliver, outbox_sweep

logger = logging.getLogger(__name__)


@task()
def deliver_message(message_id: int) -> str:
    """Send one outbox message, unless it has gone already or is not yet due."""
    return str(outbox_deliver(message_id=message_id))


@task()
def deliver_due() -> int:
    """Send every outbox message that is due (retries, and any whose task was lost)."""
    return outbox_sweep()


@task()
def deadline_scan(day: str) -> dict:
    """Run the registered deadline scans for `day` (an ISO date), then deliver what they queued."""
    from .scheduler import deadline_scan_run

    return deadline_scan_run(day=date.fromisoformat(day))


def enqueue_delivery(message_id: int, *, run_after: datetime | None = None) -> None:
    """Ask the worker to deliver a message (not before `run_after`, where the backend can wait).

    Never raises: a message the worker was not told about is still found by the sweep.
    """
    try:
        job = deliver_message
        if run_after is not None:
            if not job.get_backend().supports_defer:
                return  # e.g. the immediate backend: the sweep retries it when it is due
            job = job.using(run_after=run_after)
        job.enqueue(message_id)
    except Exception:
        logger.exception("Could not enqueue the delivery of outbox message %s; the sweep will send it", message_id)
