"""REST API authentication by personal token (`Authorization: Bearer cr_…`)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiToken

KEYWORDS = ("bearer", "token")
# Writing on every request would turn each API read into a write; a minute is precise enough to audit use.
LAST_USED_GRANULARITY = timedelta(minutes=1)
# One message for unknown, revoked and inactive, so the API does not confirm which tokens once existed.
INVALID = "Invalid or revoked token."


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Authenticate a request by the digest of its bearer token."""

    def authenticate(self, request):
        secret = self._secret_from(request)
        if secret is None:
            return None
        token = ApiToken.objects.select_related("user").filter(digest=ApiToken.digest_for(secret)).first()
        if token is None or token.is_revoked or not token.user.is_active:
            raise exceptions.AuthenticationFailed(INVALID)
        self._touch(token)
        user = token.user
        # A token can only be issued from a two-factor session (or by an operator on the server), so it
        # stands in for the second factor; code that asks `is_verified()` must not fail on API requests.
        user.otp_device = None
        user.is_verified = lambda: True
        return user, token

    def authenticate_header(self, request):
        return "Bearer"

    @staticmethod
    def _secret_from(request) -> str | None:
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Malformed Authorization header: expected 'Bearer <token>'.")
        try:
            return parts[1].decode()
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(INVALID) from exc

    @staticmethod
    def _touch(token: ApiToken) -> None:
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """Session authentication that ignores a session which has not passed two-factor authentication.

    Use it in place of DRF's SessionAuthentication, so a stolen password alone never reaches the API.
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, auth = result
        if not getattr(user, "is_verified", lambda: False)():
            return None
        return user, auth


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describe token authentication in the OpenAPI schema as an HTTP bearer scheme."""

    target_class = "casereview.accounts.api_auth.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal API token from /accounts/api-tokens/"}


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    target_class = "casereview.accounts.api_auth.VerifiedSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
