"""Fixtures for rapid review tests: the demo partnership and a helper to record a notification."""

from datetime import date

import pytest

from casereview.accounts.models import User
from casereview.incidents.services import notification_record
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Group


@pytest.fixture
def demo(db):
    load_demo()
    return {
        "admin": User.objects.get(username="business.manager"),
        "subgroup": Group.objects.get(name="Case Review Subgroup"),
        "rapid": Group.objects.get(name="Rapid Review Group"),
    }


def child(**overrides):
    data = {"pseudonym": "Child A", "age_years": 3, "sex": "female", "ethnicity": "White British",
            "legal_status": "child_in_need", "in_main_list": True}
    return {**data, **overrides}


def notification_data(**overrides):
    data = {
        "reference": "SIN-2025-041", "local_authority": "Northmoor Council",
        "incident_date": date(2025, 12, 15), "la_aware_date": date(2025, 12, 16),
        "sin_submitted_date": date(2025, 12, 19), "received_date": date(2025, 12, 20),
        "nature": "serious_harm", "harm_types": ["physical_abuse"], "summary": "A fictional incident.",
    }
    return {**data, **overrides}


def record(demo, group="rapid", children=None, **overrides):
    return notification_record(actor=demo["admin"], group=demo[group], notification=notification_data(**overrides),
                               children=children or [child()])
