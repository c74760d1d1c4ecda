"""Sending the service's notices by e-mail once the change they describe is committed."""

import logging

from django.core.mail import send_mail

logger = logging.getLogger(__name__)


def notice_send(*, subject: str, message: str, recipients, about: str) -> bool:
    """Send one notice; on a mail fault log it for the operator and return False.

    Called after commit, so the record already exists: a mail server fault must not become an error page.
    (The reminders issue replaces this with an outbox that retries.) Notices carry no child's details.
    """
    recipients = sorted(set(recipients))
    if not recipients:
        return False
    try:
        send_mail(subject=subject, message=message, from_email=None, recipient_list=recipients)
    except OSError:
        logger.exception("Could not e-mail %s", about)
        return False
    return True
