"""Commissioning a practice review: only from a rapid review whose decision is to hold one, only once, with
the decision's date and methodology, no child's name, audited; and the rapid review page's button."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.learning.models import Review
from casereview.learning.review_selectors import commission_initial, default_group, lcspr_for_rapid_review
from tests.conftest import PartnershipFactory, sign_in, user_with_role
from tests.learning.test_practice_review_support import (
    METHOD,
    commissioned,
    days_ago,
    decided_rapid_review,
    demo_records,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    return demo_records()


def test_commissioning_from_an_lcspr_decision_takes_the_decision_date_and_is_audited(demo):
    """The review starts commissioned, dated to the decision (its 6-month clock), linked to its rapid review."""
    rapid_review = decided_rapid_review(demo, decided_on=days_ago(100))
    review = commissioned(demo, rapid_review)
    assert (review.kind, review.status, review.decision_date, review.year) == (
        "lcspr", "commissioned", days_ago(100), days_ago(100).year)
    assert review.rapid_review == rapid_review and review.group == demo["subgroup"]
    assert lcspr_for_rapid_review(rapid_review) == review
    event = AuditEvent.objects.get(target_type="learning.review", target_id=str(review.pk))
    assert event.verb == "created" and event.changes["rapid_review"] == [None, "SIN-PR-1"]
    assert event.changes["decision_date"] == [None, days_ago(100).isoformat()]


@pytest.mark.parametrize("outcome", ["single_agency_review", "national_review_recommended", "no_further_review",
                                     "learning_event", "multi_agency_audit"])
def test_only_a_decision_to_hold_an_lcspr_commissions_one(demo, outcome):
    """Any other outcome is refused with the outcome named; nothing is saved."""
    rapid_review = decided_rapid_review(demo, outcome=outcome)
    with pytest.raises(ValidationError) as refused:
        commissioned(demo, rapid_review)
    assert "only a decision to hold a local child safeguarding practice review" in refused.value.messages[0]
    assert not Review.objects.exists()


def test_a_rapid_review_commissions_one_practice_review_only(demo):
    """A second commission from the same decision is refused."""
    rapid_review = decided_rapid_review(demo)
    commissioned(demo, rapid_review)
    with pytest.raises(ValidationError, match="already been commissioned"):
        commissioned(demo, rapid_review)
    assert Review.objects.count() == 1


def test_no_decision_yet_is_refused(demo):
    """A rapid review without a decision cannot commission anything."""
    rapid_review = decided_rapid_review(demo)
    rapid_review.decision.delete()
    rapid_review.refresh_from_db()
    with pytest.raises(ValidationError, match="No decision"):
        commissioned(demo, rapid_review)


@pytest.mark.parametrize("field, value, message", [
    ("title", "  ", "Enter a title"),
    ("scope", "", "Enter the scope"),
    ("methodology", "", "Choose the methodology"),
    ("advance_working_days", 0, "between 1 and 30"),
    ("advance_working_days", 31, "between 1 and 30"),
    ("planned_publication_date", "before", "cannot be before the decision"),
    ("group", "other", "Choose the group"),
])
def test_commission_fields_are_checked(demo, field, value, message):
    """Each missing or wrong field is refused beside that field."""
    if value == "before":
        value = days_ago(200)
    elif value == "other":
        from tests.conftest import GroupFactory

        value = GroupFactory()
    with pytest.raises(ValidationError) as refused:
        commissioned(demo, **{field: value})
    assert message in refused.value.message_dict[field][0]


def test_only_the_business_team_commissions(demo):
    """A chair is refused by the service."""
    rapid_review = decided_rapid_review(demo)
    with pytest.raises(PermissionDenied):
        from casereview.learning.review_services import practice_review_commission

        practice_review_commission(actor=demo["chair"], rapid_review=rapid_review, title="T", group=demo["subgroup"],
                                   scope="S", methodology=METHOD)


def test_the_form_starts_from_the_notification_reference_and_never_a_name(demo):
    """Title and reference come from the notification's reference; the methodology from the decision; the
    overseeing group is the partnership's subgroup when the rapid review group is a rapid review group."""
    rapid_review = decided_rapid_review(demo)
    initial = commission_initial(rapid_review)
    assert "SIN-PR-1" in initial["title"] and initial["reference"] == "LCSPR SIN-PR-1"
    assert "Child" not in initial["title"] and initial["methodology"] == METHOD
    assert initial["group"] == str(demo["subgroup"].pk)
    assert default_group(decided_rapid_review(demo, reference="SIN-PR-2", group="subgroup")) == demo["subgroup"]


def test_commission_page_creates_the_review_and_goes_to_it(client, demo):
    """The business team posts the form and lands on the new review's page."""
    rapid_review = decided_rapid_review(demo)
    sign_in(client, demo["admin"])
    url = reverse("learning:practice_review_commission", args=[rapid_review.pk])
    page = client.get(url)
    assert page.status_code == 200 and "LCSPR SIN-PR-1" in page.content.decode()
    response = client.post(url, {"title": "Practice review (SIN-PR-1)", "reference": "LCSPR-1",
                                 "group": str(demo["subgroup"].pk), "scope": "A year.", "methodology": METHOD,
                                 "advance_working_days": "7"})
    review = Review.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("learning:review_detail",
                                                                            args=[review.pk])


def test_commission_page_refuses_with_a_message_beside_the_field(client, demo):
    """A missing scope re-shows the form with the error (400), and nothing is saved."""
    rapid_review = decided_rapid_review(demo)
    sign_in(client, demo["admin"])
    response = client.post(reverse("learning:practice_review_commission", args=[rapid_review.pk]),
                           {"title": "T", "group": str(demo["subgroup"].pk), "methodology": METHOD,
                            "advance_working_days": "7"})
    assert response.status_code == 400 and "Enter the scope" in response.content.decode()
    assert not Review.objects.exists()


def test_commission_page_explains_why_not_once_commissioned(client, demo):
    """Once commissioned, the page says so and links to the review."""
    review = commissioned(demo)
    sign_in(client, demo["admin"])
    page = client.get(reverse("learning:practice_review_commission", args=[review.rapid_review_id]))
    assert page.status_code == 200
    assert "already been commissioned" in page.content.decode()
    assert reverse("learning:review_detail", args=[review.pk]) in page.content.decode()


@pytest.mark.parametrize("who, status", [("contributor", 404), ("chair", 403), ("other", 404)])
def test_commission_page_is_for_the_business_team_only(client, demo, who, status):
    """An agency contributor or another partnership's team sees nothing (404); a chair is refused (403)."""
    rapid_review = decided_rapid_review(demo)
    user = user_with_role(PartnershipFactory(), "business_team") if who == "other" else demo[who]
    sign_in(client, user)
    assert client.get(reverse("learning:practice_review_commission", args=[rapid_review.pk])).status_code == status


def test_rapid_review_page_offers_the_commission_then_links_to_the_review(client, demo):
    """Before: a "Commission the practice review" button; after: a link to the practice review."""
    rapid_review = decided_rapid_review(demo)
    sign_in(client, demo["admin"])
    url = reverse("reviews:detail", args=[rapid_review.pk])
    commission = reverse("learning:practice_review_commission", args=[rapid_review.pk])
    assert commission in client.get(url).content.decode()
    review = commissioned(demo, rapid_review)
    page = client.get(url).content.decode()
    assert commission not in page and reverse("learning:review_detail", args=[review.pk]) in page


def test_rapid_review_page_offers_nothing_for_another_outcome(client, demo):
    """A single-agency review decision shows no commission button."""
    rapid_review = decided_rapid_review(demo, outcome="single_agency_review")
    sign_in(client, demo["admin"])
    page = client.get(reverse("reviews:detail", args=[rapid_review.pk])).content.decode()
    assert "Commission the practice review" not in page
