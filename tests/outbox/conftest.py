"""Fixtures for the outbox tests: tasks run in-process, and an SMTP server a test can stop and start."""

from tests.outbox.immediate_tasks import immediate_tasks  # noqa: F401  (autouse)
from tests.outbox.support import mail_server  # noqa: F401
