"""Fixtures for notification pages: the demo partnership with a user per role, and the form's POST data."""

from __future__ import annotations

from datetime import date

import pytest

from casereview.accounts.models import User
from casereview.incidents.services import notification_record
from casereview.partnerships.demo import ADMIN_USERNAME, USERS, load_demo
from casereview.partnerships.models import Group
from tests.conftest import PartnershipFactory, sign_in, user_with_role

# Invented names, used to prove the real identity never reaches a page other than the register.
REAL_NAME = "Marigold Quillfeather-Ansty"
OTHER_NAME = "Goldie Ansty"
ADDRESS = "7 Imaginary Row, Northmoor NM1 0ZZ"


@pytest.fixture
def demo(db):
    load_demo()
    users = {role.value: User.objects.get(username=username) for username, _f, _l, role, _p, _a in USERS}
    return {
        **users,
        "sysadmin": User.objects.get(username=ADMIN_USERNAME),
        "subgroup": Group.objects.get(name="Case Review Subgroup"),
        "rapid": Group.objects.get(name="Rapid Review Group"),
    }


@pytest.fixture
def outsider(db):
    """A business team user of another partnership."""
    return user_with_role(PartnershipFactory(name="Elsewhere Safeguarding Children Partnership"), "business_team")


@pytest.fixture
def signed_in(client):
    """Return a function that signs the test client in as a user and returns it."""
    return lambda user: sign_in(client, user)


def child_row(**overrides) -> dict:
    """One child's answers as the page posts them; a missing checkbox key means unticked."""
    row = {"pseudonym": "Child A", "age_years": "3", "sex": "female", "ethnicity": "White British",
           "religion": "", "first_language": "English", "disability": "", "legal_status": "child_in_need",
           "in_main_list": "on", "full_name": REAL_NAME, "other_names": OTHER_NAME, "date_of_birth": "2022-05-04",
           "address": ADDRESS}
    return {k: v for k, v in {**row, **overrides}.items() if v is not None}


def form_data(group, children=None, rows: int | None = None, **overrides) -> dict:
    """The whole page's POST data: the notification, the management form and each child row."""
    data = {"group": str(group.pk), "reference": "SIN-2025-041", "local_authority": "Northmoor Council",
            "incident_date": "2025-12-15", "la_aware_date": "2025-12-16", "sin_submitted_date": "2025-12-19",
            "received_date": "2025-12-20", "nature": "serious_harm", "harm_types": ["physical_abuse"],
            "summary": "A fictional incident.", "further_information": "", "cross_border_partnership": ""}
    data.update(overrides)
    children = [child_row()] if children is None else children
    data.update({"children-TOTAL_FORMS": str(rows or len(children)), "children-INITIAL_FORMS": "0",
                 "children-MIN_NUM_FORMS": "1", "children-MAX_NUM_FORMS": "6"})
    for index, row in enumerate(children):
        data.update({f"children-{index}-{key}": value for key, value in row.items()})
    return data


def record(demo, *, children=None, **overrides):
    """Record a notification through the service, as the business team, in the Kent-rules group."""
    notification = {"reference": "SIN-2025-041", "local_authority": "Northmoor Council",
                    "incident_date": date(2025, 12, 15), "la_aware_date": date(2025, 12, 16),
                    "sin_submitted_date": date(2025, 12, 19), "received_date": date(2025, 12, 20),
                    "nature": "serious_harm", "harm_types": ["physical_abuse"], "summary": "A fictional incident.",
                    **overrides}
    children = children or [{"pseudonym": "Child A", "age_years": 3, "sex": "female", "ethnicity": "White British",
                             "legal_status": "child_in_need", "in_main_list": True,
                             "identity": {"full_name": REAL_NAME, "other_names": OTHER_NAME,
                                          "date_of_birth": date(2022, 5, 4), "address": ADDRESS}}]
    return notification_record(actor=demo["business_team"], group=demo["rapid"], notification=notification,
                               children=children)
