"""Idle timeout: a session ends after SESSION_COOKIE_AGE seconds without a request."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

pytestmark = pytest.mark.django_db

PAGE = "/accounts/api-tokens/"


def _stored_session(client) -> Session:
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def test_each_request_extends_the_idle_deadline(settings, verified_client):
    """Every request pushes the expiry to SESSION_COOKIE_AGE seconds from now."""
    settings.SESSION_COOKIE_AGE = 5
    verified_client.get(PAGE)
    expiry = _stored_session(verified_client).expire_date
    assert timezone.now() < expiry <= timezone.now() + timedelta(seconds=5)


def test_idle_session_is_sent_back_to_sign_in(settings, verified_client):
    """Once the idle period has passed the next request is treated as signed out."""
    settings.SESSION_COOKIE_AGE = 5
    assert verified_client.get(PAGE).status_code == 200
    # Stand in for five idle seconds: move the stored expiry into the past rather than sleep.
    Session.objects.filter(pk=_stored_session(verified_client).pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = verified_client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/accounts/api-tokens/"
