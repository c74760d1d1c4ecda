"""Management commands: create_api_token, demo_code and create_administrator; and the TOTP helpers."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from casereview.accounts.models import ApiToken, User
from casereview.accounts.totp import current_code, totp_enrol_known_secret
from casereview.audit.models import AuditEvent
from casereview.audit.vocabulary import Verb

pytestmark = pytest.mark.django_db


class WhoAmI(APIView):
    def get(self, request):
        return Response({"username": request.user.username})


urlpatterns = [path("api/v1/whoami/", WhoAmI.as_view())]


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.urls(__name__)
def test_create_api_token_prints_only_a_working_secret(user):
    """The command prints just the secret, and that secret authenticates."""
    secret = run("create_api_token", "alex", "--name", "Nightly export").strip()
    assert "\n" not in secret and secret.startswith("cr_")
    assert ApiToken.objects.get(user=user).name == "Nightly export"
    response = Client().get("/api/v1/whoami/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.json() == {"username": "alex"}
    assert AuditEvent.objects.get(verb=Verb.TOKEN_ISSUED).changes["via"] == "command line"


def test_create_api_token_for_unknown_user_fails(db):
    """An unknown username is a CommandError, not a traceback."""
    with pytest.raises(CommandError, match="No user"):
        run("create_api_token", "nobody")


@override_settings(DEBUG=False, PRODUCTION=False)
def test_demo_code_refuses_without_debug(device):
    """With DEBUG off demo_code refuses, whatever the user."""
    with pytest.raises(CommandError, match="demo_code is for local demonstration only"):
        run("demo_code", "alex")


@override_settings(DEBUG=True, PRODUCTION=True)
def test_demo_code_refuses_in_production(device):
    """In production demo_code refuses even if DEBUG were somehow on."""
    with pytest.raises(CommandError, match="demo_code is for local demonstration only"):
        run("demo_code", "alex")


@override_settings(DEBUG=True, PRODUCTION=False)
def test_demo_code_prints_the_current_code(device, code_for):
    """Locally, demo_code prints the code the device expects now."""
    assert run("demo_code", "alex").strip() == code_for(device)


def test_enrol_known_secret_and_current_code(user, code_for):
    """A known key gives a confirmed device whose current code matches an app's; short codes keep their zeros."""
    device = totp_enrol_known_secret(user, "00" * 20)
    assert device.confirmed
    assert current_code(device) == code_for(device)
    assert len(current_code(device)) == 6


def test_create_administrator_prints_a_working_set_password_link(client):
    """The administrator has no usable password until they follow the printed one-time link."""
    output = run("create_administrator", "--username", "root", "--email", "root@example.org")
    path = output.strip().splitlines()[-1]
    admin = User.objects.get(username="root")
    assert admin.is_superuser and admin.is_staff and not admin.has_usable_password()
    page = client.get(path, follow=True)
    set_url = page.redirect_chain[-1][0]
    password = "granite-meadow-forty-owls"
    response = client.post(set_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    admin.refresh_from_db()
    assert admin.check_password(password)
    assert client.get(path, follow=True).context["validlink"] is False


def test_create_administrator_refuses_a_taken_username(user):
    """An existing username is reported as a CommandError."""
    with pytest.raises(CommandError, match="username"):
        run("create_administrator", "--username", "alex", "--email", "other@example.org")
