"""A mail server that can be stopped and started again, and a database worker run in-process."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller
from django_tasks_db.management.commands.db_worker import Worker

from tests.smtp import Inbox, _free_port


class MailServer:
    """A real SMTP server on loopback whose outage a test can switch on and off."""

    def __init__(self):
        self.inbox, self.port, self.controller = Inbox(), _free_port(), None

    @property
    def messages(self):
        return self.inbox.messages

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def mail_server(settings):
    """Start an SMTP server on 127.0.0.1 and point Django's SMTP backend at it; `.stop()` makes it unreachable."""
    server = MailServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = (
        "127.0.0.1", server.port, False, 2)
    try:
        yield server
    finally:
        server.stop()


def run_worker() -> None:
    """Run `manage.py db_worker --batch` in this process: every ready task, then stop."""
    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
           max_tasks=None, worker_id="test-worker", excluded_queue_names=[]).run()
