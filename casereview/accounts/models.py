"""Staff user accounts and their API tokens."""

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A member of staff who signs in; what they may see comes from their partnership roles."""

    email = models.EmailField("email address", unique=True)

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A personal API token; only a hash of the secret is stored, so a leaked table leaks no tokens."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="Shown so the owner can tell tokens apart.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def status(self) -> str:
        """Return the word the tokens page shows for this token."""
        return "Revoked" if self.is_revoked else "Active"

    @staticmethod
    def digest_for(secret: str) -> str:
        """Return the stored digest of a token secret."""
        return hashlib.sha256(secret.encode()).hexdigest()
