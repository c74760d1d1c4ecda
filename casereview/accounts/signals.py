"""Audit the authentication events that Django and django-axes announce by signal.

Sign-in failures, lockouts and sign-outs happen inside `authenticate` and `logout` (including the
admin's), so a signal is the one place that sees them all; each receiver only calls a service.
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_out, user_login_failed

from . import services


def record_sign_in_failure(sender, credentials, request=None, **kwargs):
    services.sign_in_failure_record(username=credentials.get("username") or "")


def record_lockout(sender, request=None, username=None, **kwargs):
    services.lockout_record(username=username or "")


def record_sign_out(sender, request=None, user=None, **kwargs):
    if user is not None and user.is_authenticated:
        services.sign_out_record(actor=user)


def connect() -> None:
    user_login_failed.connect(record_sign_in_failure, dispatch_uid="accounts.sign_in_failure")
    user_locked_out.connect(record_lockout, dispatch_uid="accounts.lockout")
    user_logged_out.connect(record_sign_out, dispatch_uid="accounts.sign_out")
