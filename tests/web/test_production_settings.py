"""Production settings: refuse unsafe configuration, and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the deployment check rightly warns about it
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=120)


PRODUCTION = {"CASEREVIEW_PRODUCTION": "1", "DJANGO_DEBUG": "0", "ALLOWED_HOSTS": "case.example",
              "SITE_URL": "https://case.example", "FILE_ENCRYPTION_KEYS": Fernet.generate_key().decode()}


def test_check_deploy_is_clean_in_production():
    """`manage.py check --deploy` reports no issues with production settings and a strong key."""
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION,
                  SECRET_KEY=secrets.token_urlsafe(60))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("env, message", [
    ({"DJANGO_DEBUG": "1", "SECRET_KEY": "x" * 60}, "DJANGO_DEBUG"),
    ({"DJANGO_DEBUG": "0"}, "SECRET_KEY"),
    ({"DJANGO_DEBUG": "0", "SECRET_KEY": "short"}, "SECRET_KEY"),
    ({"DJANGO_DEBUG": "0", "SECRET_KEY": "y" * 60, "SITE_URL": "http://127.0.0.1:8000"}, "SITE_URL"),
])
def test_production_refuses_unsafe_settings(env, message):
    """Production mode will not start with DEBUG on or a default or short secret key."""
    result = _run(["check"], **{**PRODUCTION, **env})
    assert result.returncode != 0
    assert message in result.stderr


def test_security_headers_on_a_page(client):
    """Pages carry a CSP without unsafe-inline, nosniff, a referrer policy and frame denial."""
    response = client.get("/accessibility/")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
