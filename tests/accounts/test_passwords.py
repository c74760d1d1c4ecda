"""Password reset by e-mail and password change, with their audit rows."""

import re

import pytest
from django.core import mail

from casereview.audit.models import AuditEvent
from casereview.audit.vocabulary import Verb

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "purple-otter-lighthouse-92"


def _request_reset(client, email, capture):
    with capture(execute=True):
        return client.post("/accounts/password-reset/", {"email": email})


def test_reset_sends_one_email_and_the_link_sets_a_new_password(
    client, user, locmem_email, django_capture_on_commit_callbacks
):
    """A reset request e-mails one link; following it sets the new password and audits both steps."""
    response = _request_reset(client, "alex@example.org", django_capture_on_commit_callbacks)
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Reset your Case review password"
    assert message.to == ["alex@example.org"]
    path = re.search(r"http://testserver(/accounts/password-reset/\S+/)", message.body).group(1)

    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == "/accounts/password-reset/complete/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert user.password.startswith("argon2")
    requested = AuditEvent.objects.get(verb=Verb.PASSWORD_RESET_REQUESTED)
    assert requested.target_id == str(user.pk)
    assert AuditEvent.objects.get(verb=Verb.PASSWORD_CHANGED).changes == {"via": "reset"}


def test_reset_for_an_unknown_address_looks_the_same(client, user, locmem_email, django_capture_on_commit_callbacks):
    """An unknown address gets the same page and no e-mail, but the request is still audited."""
    response = _request_reset(client, "nobody@example.org", django_capture_on_commit_callbacks)
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []
    event = AuditEvent.objects.get(verb=Verb.PASSWORD_RESET_REQUESTED)
    assert event.target_id == ""
    assert event.changes == {"email": "nobody@example.org"}


def test_used_reset_link_is_refused(client, user, locmem_email, django_capture_on_commit_callbacks):
    """A link stops working once the password it was sent for has changed."""
    _request_reset(client, "alex@example.org", django_capture_on_commit_callbacks)
    path = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)
    user.set_password(NEW_PASSWORD)
    user.save()
    assert "This link has expired" in client.get(path, follow=True).content.decode()


def test_password_change_is_audited(verified_client, user, password):
    """A signed-in user changes their password; the session survives and the change is audited."""
    response = verified_client.post(
        "/accounts/password/change/",
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.get(verb=Verb.PASSWORD_CHANGED).changes == {"via": "change"}
    assert verified_client.get("/accounts/api-tokens/").status_code == 200


def test_password_change_shows_errors_by_the_fields(verified_client):
    """A blank change form names each missing field."""
    html = verified_client.post("/accounts/password/change/", {}).content.decode()
    assert "Enter your current password" in html
    assert "Enter a new password" in html
