"""Fixtures for the reminder tests: a real SMTP server that a test can stop, and the demo partnership."""

from tests.outbox.support import mail_server  # noqa: F401
from tests.reminders.helpers import world  # noqa: F401
