"""Production refuses to start without a file encryption key, with a malformed one, or with the public
development key; with a generated key it passes Django's deployment checks. Each case runs the settings in a
fresh process, as the service would start."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from casereview.web.storage import DEVELOPMENT_KEY

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"CASEREVIEW_PRODUCTION": "1", "DJANGO_DEBUG": "0", "ALLOWED_HOSTS": "case.example",
              "SITE_URL": "https://case.example", "SECRET_KEY": secrets.token_urlsafe(60)}


def _run(args, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **PRODUCTION, **env}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the deployment check rightly warns about it
    if env.get("FILE_ENCRYPTION_KEYS") is None:
        environment.pop("FILE_ENCRYPTION_KEYS", None)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=120)


BAD_KEY = "not-a-fernet-key-at-all"


@pytest.mark.parametrize("keys, message", [
    (None, "refusing to start without FILE_ENCRYPTION_KEYS"),
    ("", "refusing to start without FILE_ENCRYPTION_KEYS"),
    (" , ", "refusing to start without FILE_ENCRYPTION_KEYS"),
    (BAD_KEY, "key 1 of 1 is not a Fernet key"),
    (f"{Fernet.generate_key().decode()},{BAD_KEY}", "key 2 of 2 is not a Fernet key"),
    (DEVELOPMENT_KEY, "public development key"),
])
def test_production_refuses_a_missing_malformed_or_development_key(keys, message):
    """The refusal says what is wrong (never echoing a key) and how to generate one."""
    result = _run(["check"], FILE_ENCRYPTION_KEYS=keys)
    assert result.returncode != 0
    assert message in result.stderr and "Fernet.generate_key()" in result.stderr
    assert BAD_KEY not in result.stderr


def test_production_starts_with_generated_keys():
    """A current and an old key, both generated: `check --deploy` is clean."""
    keys = f"{Fernet.generate_key().decode()},{Fernet.generate_key().decode()}"
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], FILE_ENCRYPTION_KEYS=keys)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_starts_without_a_key():
    """Outside production no key is needed (the fixed development key is used)."""
    result = _run(["check"], CASEREVIEW_PRODUCTION="0", DJANGO_DEBUG="1", FILE_ENCRYPTION_KEYS=None)
    assert result.returncode == 0, result.stderr
