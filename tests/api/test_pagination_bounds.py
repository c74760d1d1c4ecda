"""A huge limit or offset is clamped before it reaches the database (the fuzzer once found a 500 here)."""

import pytest

from casereview.accounts.services import api_token_issue
from casereview.partnerships.models import Role
from tests.conftest import user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["limit=38024291183868190142742134784", "offset=38024291183868190142742134784",
                                   "limit=-5", "offset=abc"])
def test_huge_or_bad_paging_is_not_a_server_error(client, partnership, query):
    user = user_with_role(partnership, Role.BUSINESS_TEAM)
    _token, secret = api_token_issue(actor=user, name="paging")
    response = client.get(f"/api/v1/memberships/?{query}", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert len(response.json()["results"]) <= 200
