"""Writes (and the few reads) for accounts: sign-in events, two-factor checks, passwords and API tokens.

Each write runs in one transaction and records its audit event inside it.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb

from .models import ApiToken, User

TOKEN_SCHEME = "cr_"
TOKEN_PREFIX_LENGTH = 8
# Typed usernames are attacker-controlled; keep what the audit trail stores bounded.
MAX_LOGGED_USERNAME = 150


# --- Sign-in events -------------------------------------------------------------------------


def _account_named(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def sign_in_failure_record(*, username: str) -> None:
    """Record a rejected username and password; the target is the account only if it exists."""
    username = (username or "")[:MAX_LOGGED_USERNAME]
    with transaction.atomic():
        audit_record(
            actor=None, verb=Verb.SIGN_IN_FAILED, target=_account_named(username), changes={"username": username}
        )


def lockout_record(*, username: str) -> None:
    """Record that an account was refused because of repeated failures."""
    username = (username or "")[:MAX_LOGGED_USERNAME]
    with transaction.atomic():
        audit_record(actor=None, verb=Verb.LOCKED_OUT, target=_account_named(username), changes={"username": username})


def sign_out_record(*, actor) -> None:
    """Record that a user signed out."""
    with transaction.atomic():
        audit_record(actor=actor, verb=Verb.SIGNED_OUT, target=actor)


# --- Two-factor authentication --------------------------------------------------------------


@dataclass(frozen=True)
class CodeCheck:
    """The result of checking a code; `retry_after` is the wait in seconds when attempts are throttled."""

    accepted: bool
    retry_after: int = 0


def _check_code(*, actor, device: TOTPDevice, code: str, stage: str) -> tuple[CodeCheck, TOTPDevice]:
    # Lock the device row so two concurrent guesses cannot both slip under the throttle.
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=actor)
    allowed, info = device.verify_is_allowed()
    if not allowed:
        wait = (info["locked_until"] - timezone.now()).total_seconds() if info and "locked_until" in info else 1
        audit_record(
            actor=actor, verb=Verb.TWO_FACTOR_FAILED, target=actor, changes={"stage": stage, "throttled": True}
        )
        return CodeCheck(False, max(1, math.ceil(wait))), device
    if device.verify_token(code):
        return CodeCheck(True), device
    audit_record(
        actor=actor,
        verb=Verb.TWO_FACTOR_FAILED,
        target=actor,
        changes={"stage": stage, "consecutive_failures": device.throttling_failure_count},
    )
    return CodeCheck(False), device


def two_factor_verify(*, actor, device: TOTPDevice, code: str) -> CodeCheck:
    """Check a code from the actor's confirmed device; an accepted code completes sign-in."""
    with transaction.atomic():
        check, _ = _check_code(actor=actor, device=device, code=code, stage="sign-in")
        if check.accepted:
            audit_record(actor=actor, verb=Verb.SIGNED_IN, target=actor, changes={"second_factor": "totp"})
    return check


def two_factor_enrol(*, actor, device: TOTPDevice, code: str) -> CodeCheck:
    """Confirm the actor's pending device with a code from it; an accepted code also completes sign-in."""
    with transaction.atomic():
        check, device = _check_code(actor=actor, device=device, code=code, stage="set-up")
        if check.accepted:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            audit_record(actor=actor, verb=Verb.TWO_FACTOR_ENROLLED, target=actor, changes={"device": device.name})
            audit_record(actor=actor, verb=Verb.SIGNED_IN, target=actor, changes={"second_factor": "totp"})
    return check


# --- Passwords ------------------------------------------------------------------------------


def user_password_set(*, actor, user: User, password: str, via: str) -> User:
    """Set a user's password (already validated by the form) and record how it was changed."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(actor=actor, verb=Verb.PASSWORD_CHANGED, target=user, changes={"via": via})
    return user


def password_reset_request(*, actor, email: str, deliver: Callable[[], object]) -> None:
    """Record a reset request and send the e-mail once it is committed.

    The caller shows the same page whether or not the address matched; only the audit trail knows.
    """
    with transaction.atomic():
        matched = User.objects.filter(email__iexact=email, is_active=True).first()
        audit_record(actor=actor, verb=Verb.PASSWORD_RESET_REQUESTED, target=matched, changes={"email": email[:254]})
        transaction.on_commit(deliver)


def administrator_create(*, actor, username: str, email: str) -> User:
    """Create a system administrator with no usable password; they choose one through a reset link."""
    with transaction.atomic():
        user = User(username=username, email=email, is_staff=True, is_superuser=True)
        user.set_unusable_password()
        user.full_clean()
        user.save()
        audit_record(actor=actor, verb=Verb.CREATED, target=user, changes={"role": "system administrator"})
    return user


# --- API tokens -----------------------------------------------------------------------------


def api_tokens_for(user):
    """Return the user's own tokens, newest first (a selector: nobody sees another person's tokens)."""
    return ApiToken.objects.filter(user=user)


def api_token_for(*, user, token_id: int) -> ApiToken:
    """Return one of the user's tokens; a missing token and someone else's raise the same Http404."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise Http404("No such token.")
    return token


def api_token_issue(*, actor, name: str, via: str = "web") -> tuple[ApiToken, str]:
    """Issue a token for the actor; return it with its secret, which is not stored and cannot be shown again.

    `via` records where it was issued: "web" (a two-factor session) or "command line" (an operator).
    """
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the token"})
    if not (actor.is_authenticated and actor.is_active):
        raise PermissionDenied("Only an active user can hold an API token.")
    secret = TOKEN_SCHEME + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, name=name, prefix=secret[:TOKEN_PREFIX_LENGTH], digest=ApiToken.digest_for(secret)
        )
        audit_record(
            actor=actor,
            verb=Verb.TOKEN_ISSUED,
            target=token,
            changes={"name": name, "prefix": token.prefix, "via": via},
        )
    return token, secret


def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens; revoking an already revoked token changes nothing."""
    if token.user_id != actor.pk:
        raise PermissionDenied("You can only revoke your own tokens.")
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(actor=actor, verb=Verb.TOKEN_REVOKED, target=token, changes={"prefix": token.prefix})
    return token
