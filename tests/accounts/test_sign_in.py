"""Signing in: password, lockout, two-factor set-up and verification, sign-out."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.audit.vocabulary import Verb

pytestmark = pytest.mark.django_db

WRONG = "Enter a correct username and password"


def verbs() -> list[str]:
    return list(AuditEvent.objects.values_list("verb", flat=True))


def test_first_sign_in_sets_up_two_factor_then_reaches_dashboard(client, user, sign_in, code_for):
    """A user with no device signs in, scans a QR code, confirms a code and reaches the dashboard."""
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/set-up/"

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed

    response = client.post("/accounts/two-factor/set-up/", {"code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert [Verb.TWO_FACTOR_ENROLLED, Verb.SIGNED_IN] == verbs()


def test_enrolled_user_signs_in_with_a_code(client, device, sign_in, code_for):
    """A user with a device is asked for a code, and a correct one completes sign-in and is audited."""
    response = sign_in(client)
    assert response["Location"] == "/accounts/two-factor/"
    response = client.post("/accounts/two-factor/", {"code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    event = AuditEvent.objects.get(verb=Verb.SIGNED_IN)
    assert event.actor_id == device.user_id


def test_next_is_followed_after_the_second_factor(client, device, sign_in, code_for):
    """A local `next` survives the password and code steps."""
    response = sign_in(client, next_url="/accounts/api-tokens/")
    assert response["Location"] == "/accounts/two-factor/?next=%2Faccounts%2Fapi-tokens%2F"
    response = client.post(response["Location"], {"code": code_for(device)})
    assert response["Location"] == "/accounts/api-tokens/"


def test_next_to_another_site_is_ignored(client, device, sign_in, code_for):
    """An off-site `next` is dropped, so the sign-in page cannot be used as an open redirect."""
    response = sign_in(client, next_url="https://evil.example/")
    assert response["Location"] == "/accounts/two-factor/"
    response = client.post("/accounts/two-factor/?next=https://evil.example/", {"code": code_for(device)})
    assert response["Location"] == "/"


@pytest.mark.parametrize("username", ["alex", "nobody"])
def test_wrong_credentials_give_one_generic_message(client, user, sign_in, username):
    """A wrong password and an unknown user get the same message, by the field, and a failure audit row."""
    response = sign_in(client, username=username, password="not-the-password")
    assert response.status_code == 400
    html = response.content.decode()
    assert WRONG in html
    assert 'class="govuk-error-message"' in html
    event = AuditEvent.objects.get(verb=Verb.SIGN_IN_FAILED)
    assert event.actor_id is None
    assert event.actor_label == "anonymous"
    assert event.changes == {"username": username}


def test_blank_form_asks_for_each_field(client, db):
    """Submitting nothing shows an error next to each field."""
    html = client.post("/accounts/sign-in/", {}).content.decode()
    assert "Enter your username" in html
    assert "Enter your password" in html


def test_account_locks_after_five_failures_even_for_the_right_password(client, user, sign_in):
    """The fifth failure locks the account; the right password is then refused and LOCKED_OUT is audited."""
    for _ in range(4):
        assert sign_in(client, password="wrong-password").status_code == 400
    locked = sign_in(client, password="wrong-password")
    assert locked.status_code == 429
    assert "Your account is locked for 30 minutes after too many failed attempts" in locked.content.decode()

    again = sign_in(client)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.filter(verb=Verb.LOCKED_OUT).first()
    assert event is not None and event.changes == {"username": "alex"}


def test_wrong_code_is_rejected_and_audited(client, device, sign_in, wrong_code_for):
    """A wrong code shows a message by the field, leaves the user unverified and is audited."""
    sign_in(client)
    response = client.post("/accounts/two-factor/", {"code": wrong_code_for(device)})
    assert response.status_code == 400
    assert "The code is incorrect or has expired" in response.content.decode()
    assert client.get("/").status_code == 302
    event = AuditEvent.objects.get(verb=Verb.TWO_FACTOR_FAILED)
    assert event.actor_id == device.user_id
    assert event.changes == {"stage": "sign-in", "consecutive_failures": 1}


def test_repeated_wrong_codes_are_throttled(client, device, sign_in, code_for, wrong_code_for):
    """Straight after a wrong code even the right code is refused for a while, and the refusal is audited."""
    sign_in(client)
    client.post("/accounts/two-factor/", {"code": wrong_code_for(device)})
    response = client.post("/accounts/two-factor/", {"code": code_for(device)})
    assert "Too many incorrect codes" in response.content.decode()
    assert AuditEvent.objects.filter(verb=Verb.TWO_FACTOR_FAILED, changes__throttled=True).exists()


def test_malformed_code_is_explained(client, device, sign_in):
    """A code that is not six digits gets a format message and is not counted against the device."""
    sign_in(client)
    response = client.post("/accounts/two-factor/", {"code": "12ab"})
    assert "Enter the 6-digit code from your authenticator app" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_wrong_set_up_code_leaves_device_unconfirmed(client, user, sign_in, wrong_code_for):
    """A wrong code at set-up does not confirm the device."""
    sign_in(client)
    client.get("/accounts/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/accounts/two-factor/set-up/", {"code": wrong_code_for(device)})
    assert response.status_code == 400
    device.refresh_from_db()
    assert not device.confirmed
    assert AuditEvent.objects.get(verb=Verb.TWO_FACTOR_FAILED).changes["stage"] == "set-up"


def test_set_up_is_refused_once_a_device_is_confirmed(client, device, sign_in):
    """A user with a device cannot enrol another through set-up (a stolen password must not replace it)."""
    sign_in(client)
    response = client.get("/accounts/two-factor/set-up/")
    assert response["Location"] == "/accounts/two-factor/"
    assert TOTPDevice.objects.filter(user=device.user).count() == 1


@pytest.mark.parametrize(
    ("enrolled", "target"), [(True, "/accounts/two-factor/?next=%2F"), (False, "/accounts/two-factor/set-up/?next=%2F")]
)
def test_unverified_user_is_sent_to_two_factor(request, client, user, sign_in, enrolled, target):
    """A user past the password but not the code is redirected from the dashboard to the right two-factor page."""
    if enrolled:
        request.getfixturevalue("device")
    sign_in(client)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == target


def test_unverified_session_cannot_use_the_api(client, device, sign_in):
    """A half-signed-in browser session is refused by the API rather than authenticated by its cookie."""
    sign_in(client)
    response = client.get("/api/v1/")
    assert response.status_code == 403


def test_anonymous_user_is_sent_to_sign_in(client, db):
    """The two-factor middleware leaves anonymous users to login_required."""
    response = client.get("/accounts/api-tokens/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


def test_code_pages_suit_authenticator_apps_and_the_csp(client, user, sign_in):
    """The code field has one-time-code hints; the set-up page has no inline script or style."""
    sign_in(client)
    html = client.get("/accounts/two-factor/set-up/").content.decode()
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert " style=" not in html
    assert "<style" not in html


def test_password_is_hashed_with_argon2(user):
    """Passwords are stored with Argon2."""
    assert User.objects.get(pk=user.pk).password.startswith("argon2")


def test_sign_out_is_post_only_and_audited(verified_client, user):
    """GET does not sign out; POST does, and it is audited."""
    assert verified_client.get("/accounts/sign-out/").status_code == 405
    response = verified_client.post("/accounts/sign-out/")
    assert response["Location"] == "/accounts/sign-in/"
    assert "_auth_user_id" not in verified_client.session
    assert AuditEvent.objects.filter(verb=Verb.SIGNED_OUT, actor_id=user.pk).exists()


def test_admin_signs_in_through_the_two_factor_pages(client, db):
    """The admin's password-only form is replaced by the service's sign-in."""
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/sign-in/?next=/admin/"
