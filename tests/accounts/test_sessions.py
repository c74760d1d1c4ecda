"""Idle timeout: a session ends after SESSION_COOKIE_AGE seconds without a request; its deadline is written again
only once it is more than a minute (a tenth of a short idle period) behind (casereview.accounts.sessions)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db

PAGE = "/accounts/api-tokens/"


def _stored_session(client) -> Session:
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def _set_stored_expiry(client, expiry) -> None:
    Session.objects.filter(pk=_stored_session(client).pk).update(expire_date=expiry)


@pytest.mark.parametrize(("age", "behind", "saved"), [
    (1800, timedelta(seconds=61), True),    # more than a minute behind a full idle period: pushed forward
    (1800, timedelta(seconds=59), False),   # less: not written again
    (1800, timedelta(minutes=29), True),
    (5, timedelta(seconds=0.6), True),      # a short idle period is kept to within a tenth of it
    (5, timedelta(seconds=0.4), False),
])
def test_a_request_pushes_the_idle_deadline_forward_once_it_is_a_touch_behind(settings, verified_client, age,
                                                                             behind, saved):
    settings.SESSION_COOKIE_AGE = age
    verified_client.get(PAGE)
    stored = timezone.now() + timedelta(seconds=age) - behind
    _set_stored_expiry(verified_client, stored)
    before = timezone.now()
    assert verified_client.get(PAGE).status_code == 200
    expiry = _stored_session(verified_client).expire_date
    if saved:
        assert before + timedelta(seconds=age) <= expiry <= timezone.now() + timedelta(seconds=age)
    else:
        assert expiry == stored


def test_a_request_that_does_not_push_the_deadline_writes_nothing(settings, verified_client):
    settings.SESSION_COOKIE_AGE = 1800
    verified_client.get(PAGE)
    with CaptureQueriesContext(connection) as captured:
        assert verified_client.get(PAGE).status_code == 200
    assert not [q for q in captured.captured_queries if "django_session" in q["sql"] and
                not q["sql"].startswith("SELECT")]


def test_the_deadline_never_passes_while_the_user_is_active(settings, verified_client):
    """Each request either leaves a deadline at least (idle period - touch interval) away, or pushes it."""
    settings.SESSION_COOKIE_AGE = 1800
    for behind in (0, 30, 59, 61, 600, 1799):
        _set_stored_expiry(verified_client, timezone.now() + timedelta(seconds=1800 - behind))
        assert verified_client.get(PAGE).status_code == 200
        remaining = _stored_session(verified_client).expire_date - timezone.now()
        assert remaining >= timedelta(seconds=1800 - 61)


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
