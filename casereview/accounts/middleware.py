"""Keep a signed-in user who has not passed two-factor authentication on the two-factor pages."""

from __future__ import annotations

from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from .totp import confirmed_device_for

EXEMPT_URL_NAMES = (
    "accounts:login",
    "accounts:logout",
    "accounts:two_factor_verify",
    "accounts:two_factor_setup",
)
# Every page under these is exempt: the reset pages (the link carries parameters) and the accessibility statement.
EXEMPT_PREFIX_URL_NAMES = ("accounts:password_reset", "web:accessibility", "web:health")
API_PREFIX = "/api/"


class RequireTwoFactorMiddleware:
    """Redirect an authenticated but unverified user to set-up or verification; leave anonymous users alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified() or self._allowed(request.path):
            return self.get_response(request)
        if request.path.startswith(API_PREFIX):
            # The API takes tokens; a half-signed-in browser session must not reach it through session auth.
            return JsonResponse({"detail": "Two-factor authentication required."}, status=403)
        return self._redirect_to_second_factor(request)

    @cached_property
    def _exempt(self) -> tuple[frozenset[str], tuple[str, ...]]:
        # Resolved on first use: the URLconf may not be importable yet when the middleware is built.
        paths = frozenset(reverse(name) for name in EXEMPT_URL_NAMES)
        prefixes = tuple(reverse(name) for name in EXEMPT_PREFIX_URL_NAMES)
        return paths, (*prefixes, "/" + settings.STATIC_URL.lstrip("/"))

    def _allowed(self, path: str) -> bool:
        paths, prefixes = self._exempt
        return path in paths or path.startswith(prefixes)

    @staticmethod
    def _redirect_to_second_factor(request):
        has_device = confirmed_device_for(request.user) is not None
        target = reverse("accounts:two_factor_verify" if has_device else "accounts:two_factor_setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
