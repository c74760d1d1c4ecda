"""Sending the service's notices by e-mail once the change they describe is committed."""

import logging

from django.core.mail import EmailMessage, get_connection

logger = logging.getLogger(__name__)


def notice_send(*, subject: str, message: str, recipients, about: str) -> bool:
    """Send a notice to each recipient on their own (so nobody sees who else was told) over one connection;
    on a mail fault log it for the operator and return False.

    Called after commit, so the record already exists: a mail server fault must not become an error page.
    (The reminders issue replaces this with an outbox that retries.) Notices carry no child's details.
    """
    recipients = sorted(set(recipients))
    if not recipients:
        return False
    try:
        with get_connection() as connection:
            connection.send_messages([EmailMessage(subject=subject, body=message, to=[address])
                                      for address in recipients])
    except OSError:
        logger.exception("Could not e-mail %s", about)
        return False
    return True
