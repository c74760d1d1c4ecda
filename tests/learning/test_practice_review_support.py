"""Shared set-up for the practice review, other review and link tests: the demo partnership, a rapid review
with a recorded decision, and a practice review commissioned through the real service. (No tests here.)"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from casereview.accounts.models import User
from casereview.incidents.services import notification_record
from casereview.learning.models import Review
from casereview.learning.review_services import practice_review_commission
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Group, Partnership
from casereview.reviews.models import Decision, RapidReview

METHOD = "SCIE Learning Together (systems)"


def demo_records() -> dict:
    """Load the demo partnership; return its business manager, a chair, a contributor, groups and partnership.
    Each test module wraps this in its own `demo` fixture."""
    load_demo()
    return {
        "admin": User.objects.get(username="business.manager"),
        "chair": User.objects.get(username="chair"),
        "contributor": User.objects.get(username="contributor"),
        "subgroup": Group.objects.get(name="Case Review Subgroup"),
        "rapid": Group.objects.get(name="Rapid Review Group"),
        "partnership": Partnership.objects.get(),
    }


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


def decided_rapid_review(demo, *, outcome="lcspr", reference="SIN-PR-1", decided_on=None, group="rapid",
                         methodology=METHOD) -> RapidReview:
    """A rapid review opened through the real service, with its decision recorded directly (the decision's
    own service is tested with the rapid review)."""
    notification = notification_record(
        actor=demo["admin"], group=demo[group],
        notification={"reference": reference, "local_authority": "Northmoor Council",
                      "incident_date": date(2025, 12, 15), "la_aware_date": date(2025, 12, 16),
                      "sin_submitted_date": date(2025, 12, 19), "received_date": date(2025, 12, 20),
                      "nature": "serious_harm", "harm_types": [], "summary": "Fictional."},
        children=[{"pseudonym": "Child O", "age_years": 4, "sex": "male", "ethnicity": "Not known",
                   "legal_status": "not_known"},
                  {"pseudonym": "Child P", "age_years": 2, "sex": "female", "ethnicity": "Not known",
                   "legal_status": "not_known"}])
    review = notification.rapid_review
    Decision.objects.create(rapid_review=review, decided_on=decided_on or days_ago(120), immediate_actions="x",
                            learning_so_far="x", identity_and_inequalities="x", criteria={}, outcome=outcome,
                            methodology=methodology if outcome == "lcspr" else "")
    return RapidReview.objects.get(pk=review.pk)


def commissioned(demo, rapid_review=None, **overrides) -> Review:
    """A practice review commissioned through the real service from an LCSPR decision."""
    rapid_review = rapid_review or decided_rapid_review(demo)
    data = {"title": "Local child safeguarding practice review (SIN-PR-1)", "reference": "LCSPR SIN-PR-1",
            "group": demo["subgroup"], "scope": "The year before the incident.", "methodology": METHOD,
            "review_terms": "Fictional terms."}
    return practice_review_commission(actor=demo["admin"], rapid_review=rapid_review, **{**data, **overrides})
