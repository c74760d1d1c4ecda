"""Fixtures for the accounts tests: users, enrolled devices, codes and signed-in clients."""

import pytest
from django_otp.oath import totp

from casereview.accounts.models import User
from casereview.accounts.totp import totp_enrol_known_secret

PASSWORD = "correct-horse-battery-staple"
# A fixed 20-byte key, so a test can compute the code the app on a phone would show.
KNOWN_KEY_HEX = "3132333435363738393031323334353637383930"


def _code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def _wrong_code_for(device) -> str:
    # Half a million away from the current code: no step within the tolerance will match it.
    return f"{(int(_code_for(device)) + 500_000) % 1_000_000:06d}"


def _sign_in(client, username="alex", password=PASSWORD, next_url=None):
    url = "/accounts/sign-in/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": password})


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def code_for():
    """Return a function giving the code an authenticator app would show for a device now."""
    return _code_for


@pytest.fixture
def wrong_code_for():
    """Return a function giving a six-digit code the device will not accept."""
    return _wrong_code_for


@pytest.fixture
def sign_in():
    """Return a function that posts the username and password form."""
    return _sign_in


@pytest.fixture
def user(db):
    return User.objects.create_user(username="alex", email="alex@example.org", password=PASSWORD)


@pytest.fixture
def device(user):
    return totp_enrol_known_secret(user, KNOWN_KEY_HEX)


@pytest.fixture
def verified_client(client, device):
    """A client signed in with password and code, as a user who set up two-factor earlier."""
    _sign_in(client)
    response = client.post("/accounts/two-factor/", {"code": _code_for(device)})
    assert response.status_code == 302, response.content
    return client


@pytest.fixture
def locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings
