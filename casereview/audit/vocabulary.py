"""The fixed vocabulary of audit verbs."""

from django.db import models


class Verb(models.TextChoices):
    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
    DELETED = "deleted", "Deleted"
    ENDED = "ended", "Ended"
    VIEWED = "viewed", "Viewed"
    DOWNLOADED = "downloaded", "Downloaded"
    EXPORTED = "exported", "Exported"
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGNED_OUT = "signed_out", "Signed out"
    LOCKED_OUT = "locked_out", "Locked out"
    TWO_FACTOR_ENROLLED = "two_factor_enrolled", "Two-factor authentication set up"
    TWO_FACTOR_FAILED = "two_factor_failed", "Two-factor code rejected"
    PASSWORD_RESET_REQUESTED = "password_reset_requested", "Password reset requested"
    PASSWORD_CHANGED = "password_changed", "Password changed"
    TOKEN_ISSUED = "token_issued", "API token issued"
    TOKEN_REVOKED = "token_revoked", "API token revoked"
    ROLE_GRANTED = "role_granted", "Role granted"
    ROLE_REVOKED = "role_revoked", "Role revoked"
    LOADED = "loaded", "Loaded"
    SENT = "sent", "Sent"
    CANCELLED = "cancelled", "Cancelled"
    APPROVED = "approved", "Approved"


# Verbs that record a read rather than a write.
READ_VERBS = frozenset({Verb.VIEWED, Verb.DOWNLOADED, Verb.EXPORTED})

# Verbs that change no record: reads, and signing in and out (the session and lock-out tables are not data that
# pages summarise). Every other verb moves the chain head's written_seq.
UNCHANGING_VERBS = READ_VERBS | frozenset({Verb.SIGNED_IN, Verb.SIGN_IN_FAILED, Verb.SIGNED_OUT, Verb.LOCKED_OUT,
                                           Verb.TWO_FACTOR_FAILED})
