"""API tokens: the services, the tokens page and revocation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casereview.accounts.models import ApiToken, User
from casereview.accounts.services import api_token_issue, api_token_revoke
from casereview.audit.models import AuditEvent
from casereview.audit.vocabulary import Verb

pytestmark = pytest.mark.django_db


def test_issue_stores_only_a_digest_and_prefix(user):
    """The secret has the cr_ scheme; only its SHA-256 digest and first 8 characters are stored."""
    token, secret = api_token_issue(actor=user, name="Dashboard")
    assert secret.startswith("cr_") and len(secret) > 40
    assert token.prefix == secret[:8]
    assert token.digest == ApiToken.digest_for(secret)
    assert secret not in {token.name, token.prefix, token.digest}
    event = AuditEvent.objects.get(verb=Verb.TOKEN_ISSUED)
    assert event.target_id == str(token.pk)
    assert secret not in str(event.changes)


def test_issue_needs_a_name(user):
    """A blank name is refused with a message for the field."""
    with pytest.raises(ValidationError):
        api_token_issue(actor=user, name="  ")


def test_only_the_owner_can_revoke(user):
    """Another user cannot revoke a token; the owner can, once, with one audit row."""
    token, _ = api_token_issue(actor=user, name="Dashboard")
    other = User.objects.create_user(username="sam", email="sam@example.org", password="x" * 20)
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=other, token=token)
    api_token_revoke(actor=user, token=token)
    api_token_revoke(actor=user, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(verb=Verb.TOKEN_REVOKED).count() == 1


def test_tokens_page_issues_a_token_and_shows_the_secret_once(verified_client, user):
    """Issuing shows the secret with a warning; the list afterwards shows the prefix but never the secret."""
    response = verified_client.post("/accounts/api-tokens/", {"name": "Power BI"})
    assert response.status_code == 200
    html = response.content.decode()
    token = ApiToken.objects.get(user=user)
    secret = response.context["secret"]
    assert secret in html
    assert "will not be shown again" in html
    assert "no-store" in response["Cache-Control"]

    listing = verified_client.get("/accounts/api-tokens/").content.decode()
    assert "Power BI" in listing and token.prefix in listing
    assert secret not in listing


def test_tokens_page_requires_a_name(verified_client):
    """An empty name is shown as an error next to the field."""
    response = verified_client.post("/accounts/api-tokens/", {"name": ""})
    assert response.status_code == 400
    assert "Enter a name for the token" in response.content.decode()


def test_revoke_through_the_page(verified_client, user):
    """The revoke button revokes the token, says so, and the audit trail records it."""
    token, _ = api_token_issue(actor=user, name="Old script")
    assert verified_client.get(f"/accounts/api-tokens/{token.pk}/revoke/").status_code == 405
    response = verified_client.post(f"/accounts/api-tokens/{token.pk}/revoke/", follow=True)
    token.refresh_from_db()
    assert token.is_revoked
    assert "Revoked" in response.content.decode()
    assert AuditEvent.objects.filter(verb=Verb.TOKEN_REVOKED, actor_id=user.pk).exists()


def test_someone_elses_token_looks_missing(verified_client):
    """Revoking another user's token gives 404, the same as a token that does not exist."""
    other = User.objects.create_user(username="sam", email="sam@example.org", password="x" * 20)
    token, _ = api_token_issue(actor=other, name="Theirs")
    assert verified_client.post(f"/accounts/api-tokens/{token.pk}/revoke/").status_code == 404
    assert verified_client.post("/accounts/api-tokens/999999/revoke/").status_code == 404
    token.refresh_from_db()
    assert not token.is_revoked
