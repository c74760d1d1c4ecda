"""Password reset e-mail travels through a real SMTP server and its link sets a new password."""

import re

import pytest
from django.urls import reverse

from tests.conftest import UserFactory

pytestmark = pytest.mark.django_db


def test_password_reset_mail_is_delivered_over_smtp(client, smtp_inbox, django_capture_on_commit_callbacks):
    """Asking for a reset sends one message over SMTP whose link lets the user choose a new password."""
    user = UserFactory(email="reset.me@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "reset.me@example.test"})
    assert response.status_code == 302
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]
    assert message["To"] == "reset.me@example.test"
    assert message["Subject"] == "Reset your Case review password"
    body = message.get_payload(decode=True).decode()
    link = re.search(r"(/accounts/password-reset/[^/\s]+/[^/\s]+/)", body).group(1)
    page = client.get(link, follow=True)
    assert page.status_code == 200
    done = client.post(page.redirect_chain[-1][0] if page.redirect_chain else link,
                       {"new_password1": "a-brand-new-long-passphrase", "new_password2": "a-brand-new-long-passphrase"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-long-passphrase")


def test_unknown_address_sends_nothing_but_looks_the_same(client, smtp_inbox, django_capture_on_commit_callbacks):
    """An address with no account gets the same response and no message, so accounts cannot be probed."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert smtp_inbox.messages == []
