"""Forms for signing in, two-factor codes, passwords and API tokens."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.template import loader

from casereview.outbox.services import outbox_queue
from casereview.web.forms import GovForm, GovFormMixin

from .services import user_password_set

WRONG_CREDENTIALS = "Enter a correct username and password"
CODE_FORMAT = "Enter the 6-digit code from your authenticator app"


class SignInForm(GovForm):
    """Username and password; checked through `authenticate` so django-axes counts each failure."""

    username = forms.CharField(
        label="Username",
        max_length=150,
        error_messages={"required": "Enter your username"},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        self.user = authenticate(self.request, username=cleaned["username"], password=cleaned["password"])
        if self.user is None:
            # Shown by the username (the first field) whichever was wrong, so it reveals neither.
            self.add_error("username", WRONG_CREDENTIALS)
        return cleaned


class CodeForm(GovForm):
    """A six-digit code from an authenticator app; spaces are allowed because apps show them."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code changes every 30 seconds.",
        max_length=12,
        error_messages={"required": CODE_FORMAT},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
    )

    def clean_code(self):
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(CODE_FORMAT)
        return code


class TokenIssueForm(GovForm):
    name = forms.CharField(
        label="Token name",
        help_text="Say what will use it, for example ‘Power BI dashboard’.",
        max_length=100,
        error_messages={"required": "Enter a name for the token"},
    )


class PasswordResetRequestForm(GovFormMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        """Queue the reset link in the outbox instead of sending it directly, so a mail server outage delays it
        rather than losing it; the key (the user and the link's token) queues each link once."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        outbox_queue(to=to_email, subject=subject, body=body, about="a password reset link",
                     key=f"password-reset:{context['uid']}:{context['token']}")


class _AuditedPasswordMixin:
    """Save through the service, so every new password is recorded in the audit trail."""

    via = ""
    required = {
        "old_password": "Enter your current password",
        "new_password1": "Enter a new password",
        "new_password2": "Confirm your new password",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.required.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
        self.fields["new_password2"].label = "Confirm new password"

    def save(self, commit=True):
        return user_password_set(
            actor=self.user, user=self.user, password=self.cleaned_data["new_password1"], via=self.via
        )


class SetPasswordForm(_AuditedPasswordMixin, GovFormMixin, auth_forms.SetPasswordForm):
    via = "reset"


class PasswordChangeForm(_AuditedPasswordMixin, GovFormMixin, auth_forms.PasswordChangeForm):
    via = "change"
