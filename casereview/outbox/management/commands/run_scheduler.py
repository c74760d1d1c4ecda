"""Enqueue the periodic jobs (outbox sweep each minute, deadline scan each day) for the background worker."""

import logging
import signal
import time as clock
from datetime import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection

from casereview.outbox.scheduler import SCAN_AT, scheduler_tick

logger = logging.getLogger("casereview.outbox.scheduler")


def _scan_time(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--scan-at must be a time such as 06:00, not {text!r}") from exc


class Command(BaseCommand):
    help = ("Every minute, enqueue a sweep of due outbox messages when there are any, and once a day (at "
            "--scan-at, UK time) the deadline scan. Run it beside `manage.py db_worker`; --once for cron.")

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between ticks (default 60).")
        parser.add_argument("--scan-at", default=SCAN_AT.strftime("%H:%M"),
                            help="UK time after which the day's deadline scan is enqueued (default %(default)s).")
        parser.add_argument("--once", action="store_true", help="Run one tick and exit (for cron).")

    def handle(self, *args, interval, scan_at, once, **options):
        at = _scan_time(scan_at)
        if interval <= 0:
            raise CommandError("--interval must be more than 0 seconds")
        self.running = True
        if not once:
            signal.signal(signal.SIGINT, self._stop)
            signal.signal(signal.SIGTERM, self._stop)
        if not once and options["verbosity"] > 0:
            self.stdout.write(f"Scheduler running: outbox sweep every {interval:g}s, deadline scan daily after "
                              f"{at.strftime('%H:%M')} UK time. Ctrl-C stops it.")
        while self.running:
            self._tick(at, options["verbosity"])
            if once:
                return
            self._sleep(interval)

    def _tick(self, at: time, verbosity: int) -> None:
        if not connection.in_atomic_block:  # inside a transaction (a test) the connection is not ours to close
            close_old_connections()
        try:
            enqueued = scheduler_tick(scan_at=at)
        except Exception:  # a locked or unreachable database must not stop the scheduler: try next minute
            logger.exception("The scheduler tick failed; trying again at the next one")
            return
        if enqueued and verbosity > 0:
            self.stdout.write(f"Enqueued: {', '.join(enqueued)}.")

    def _sleep(self, seconds: float) -> None:
        end = clock.monotonic() + seconds
        while self.running and clock.monotonic() < end:
            clock.sleep(min(1.0, end - clock.monotonic()))

    def _stop(self, signum, frame):
        self.running = False
