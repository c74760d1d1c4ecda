"""Staff accounts: sign-in, two-factor authentication, lockout and API tokens."""
