"""ApiTokenAuthentication, tried against a tiny API view mounted by this module's own URLconf."""

from datetime import timedelta

import pytest
from django.urls import path
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from casereview.accounts.api_auth import VerifiedSessionAuthentication
from casereview.accounts.models import ApiToken
from casereview.accounts.services import api_token_issue, api_token_revoke


class WhoAmI(APIView):
    def get(self, request):
        return Response({"username": request.user.username, "verified": request.user.is_verified()})


urlpatterns = [path("api/v1/whoami/", WhoAmI.as_view())]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
URL = "/api/v1/whoami/"


@pytest.fixture
def issued(user):
    return api_token_issue(actor=user, name="Tests")


@pytest.mark.parametrize("keyword", ["Bearer", "Token"])
def test_valid_token_authenticates(client, issued, keyword):
    """A valid secret under either keyword authenticates as its owner."""
    _, secret = issued
    response = client.get(URL, HTTP_AUTHORIZATION=f"{keyword} {secret}")
    assert response.status_code == 200
    assert response.json() == {"username": "alex", "verified": True}


def test_revoked_token_is_refused(client, issued, user):
    """A revoked token no longer authenticates."""
    token, secret = issued
    api_token_revoke(actor=user, token=token)
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_unknown_token_is_refused(client, db):
    """A secret that was never issued is refused with a Bearer challenge."""
    response = client.get(URL, HTTP_AUTHORIZATION="Bearer cr_not-a-real-token")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_no_header_is_unauthenticated(client, db):
    """Without a header the request is anonymous and refused."""
    assert client.get(URL).status_code == 401


def test_inactive_users_token_is_refused(client, issued, user):
    """Deactivating a user stops their tokens working."""
    _, secret = issued
    user.is_active = False
    user.save()
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_last_used_is_recorded_at_most_once_a_minute(client, issued):
    """The first use sets last_used_at; a use within the minute leaves it alone; a later one moves it."""
    token, secret = issued
    client.get(URL, HTTP_AUTHORIZATION=f"Bearer {secret}")
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    client.get(URL, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get(URL, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert ApiToken.objects.get(pk=token.pk).last_used_at > timezone.now() - timedelta(seconds=5)


@pytest.mark.parametrize("verified", [True, False])
def test_session_authentication_needs_two_factor(rf, user, verified):
    """VerifiedSessionAuthentication accepts a session only once it has passed two-factor."""
    django_request = rf.get(URL)
    user.is_verified = lambda: verified
    django_request.user = user
    result = VerifiedSessionAuthentication().authenticate(Request(django_request))
    assert (result is not None) is verified
