"""Sign-in, two-factor, sign-out, password and API token pages."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from casereview.web.formviews import apply_errors

from . import services
from .forms import CodeForm, PasswordChangeForm, PasswordResetRequestForm, SetPasswordForm, SignInForm, TokenIssueForm
from .totp import confirmed_device_for, manual_entry_key, pending_device_for, qr_code_svg

# --- Signing in -----------------------------------------------------------------------------


def _safe_next(request) -> str | None:
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def _with_next(url_name: str, request) -> str:
    url = reverse(url_name)
    next_url = _safe_next(request)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def sign_in(request):
    """Check the username and password, then send the user on to their second factor."""
    form = SignInForm(request.POST if request.method == "POST" else None, request=request)
    if request.method == "POST" and form.is_valid():
        auth_login(request, form.user)
        has_device = confirmed_device_for(form.user) is not None
        return redirect(
            _with_next("accounts:two_factor_verify" if has_device else "accounts:two_factor_setup", request)
        )
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/login.html", {"form": form}, status=status)


def _complete_sign_in(request, device):
    django_otp.login(request, device)
    # A new session key once the second factor is proven, so a key seen before it is worth nothing.
    request.session.cycle_key()
    return redirect(_safe_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL))


def _rejection(check: services.CodeCheck) -> str:
    if check.retry_after:
        return f"Too many incorrect codes. Wait {check.retry_after} seconds, then enter the current code"
    return "The code is incorrect or has expired. Enter the current code from your authenticator app"


@login_required
@never_cache
def two_factor_verify(request):
    """Ask for the current code from the user's authenticator app."""
    device = confirmed_device_for(request.user)
    if device is None:
        return redirect(_with_next("accounts:two_factor_setup", request))
    if request.user.is_verified():
        return redirect(_safe_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL))
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        check = services.two_factor_verify(actor=request.user, device=device, code=form.cleaned_data["code"])
        if check.accepted:
            return _complete_sign_in(request, device)
        form.add_error("code", _rejection(check))
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/two_factor_verify.html", {"form": form}, status=status)


@login_required
@never_cache
def two_factor_setup(request):
    """Show a new authenticator key as a QR code and confirm it with a code from the app."""
    if confirmed_device_for(request.user) is not None:
        # Replacing a device needs an administrator: otherwise a stolen password could swap it.
        return redirect(_with_next("accounts:two_factor_verify", request))
    device = pending_device_for(request.user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        check = services.two_factor_enrol(actor=request.user, device=device, code=form.cleaned_data["code"])
        if check.accepted:
            return _complete_sign_in(request, device)
        form.add_error("code", _rejection(check))
    context = {"form": form, "qr_svg": qr_code_svg(device), "manual_key": manual_entry_key(device)}
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/two_factor_setup.html", context, status=status)


@require_POST
def sign_out(request):
    """Sign out (POST only, so a link on another site cannot sign anyone out); the signal audits it."""
    auth_logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


# --- Passwords ------------------------------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "web/form_page.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {
        "page_heading": "Reset your password",
        "lede": "Enter the email address of your account. We will send you a link to set a new password.",
        "submit_label": "Send reset link",
    }

    def form_valid(self, form):
        # Django's form_valid queues the e-mail (in the outbox); run it only once the audit row is committed.
        deliver = partial(super().form_valid, form)
        services.password_reset_request(actor=self.request.user, email=form.cleaned_data["email"], deliver=deliver)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "web/form_page.html"
    success_url = reverse_lazy("web:dashboard")
    extra_context = {"page_heading": "Change your password", "submit_label": "Change password"}

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed")
        return super().form_valid(form)


# --- API tokens -----------------------------------------------------------------------------


@login_required
@never_cache
def tokens(request):
    """List the user's tokens and issue a new one; the secret appears once, in this response only."""
    form = TokenIssueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.api_token_issue(actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return render(request, "accounts/token_issued.html", {"token": token, "secret": secret})
    context = {"form": form, "tokens": services.api_tokens_for(request.user)}
    return render(request, "accounts/tokens.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def token_revoke(request, token_id: int):
    """Revoke one of the user's own tokens."""
    token = services.api_token_for(user=request.user, token_id=token_id)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"Token ‘{token.name}’ revoked. Anything using it can no longer reach the API")
    return redirect("accounts:tokens")
