"""Schemathesis against our own OpenAPI schema, as an authenticated business team user.

Every operation gets generated requests (valid and odd): none may give a 5xx, and every response must
match the schema the API publishes.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from casereview.accounts.models import User
from casereview.accounts.services import api_token_issue
from casereview.partnerships.demo import load_demo
from config.wsgi import application

CHECKS = [schemathesis.checks.not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def api_token(db):
    load_demo()
    _token, secret = api_token_issue(actor=User.objects.get(username="business.manager"), name="fuzz")
    return secret


@pytest.fixture
def api_schema(api_token):
    # Calling the WSGI app directly fires request_finished, which would close the test's database
    # connection (and its transaction) on PostgreSQL; Django's own test client disconnects it the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application,
                                             headers={"Authorization": f"Bearer {api_token}"})
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_api_conforms_to_its_schema(api_schema, api_token):
    """No generated request gives a server error, and every response matches the published schema."""
    headers = {"Authorization": f"Bearer {api_token}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except Exception as exc:  # collect every operation's failure, then report them together
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc).splitlines()[0][:300]}")
    assert failures == []
