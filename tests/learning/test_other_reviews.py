"""Reviews that feed learning besides the partnership's own: each kind with its fields (DOMAIN.md §7 for
adult reviews), open until completed and reopenable, audited; and the list of reviews with its filters,
practice reviews' clocks, pages and empty state."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.learning.models import Review
from casereview.learning.review_other_services import other_review_create, other_review_update
from casereview.learning.review_services import review_move
from casereview.partnerships.models import Agency, AgencyKind
from tests.conftest import AgencyFactory, PartnershipFactory, sign_in
from tests.learning.test_practice_review_support import commissioned, days_ago, demo_records

pytestmark = pytest.mark.django_db
ADULT = {"commissioning_body": "Northmoor Safeguarding Adults Board", "legal_basis": "Care Act 2014 s44",
         "criteria_basis": "mandatory", "lead_body": "Northmoor SAB", "joint_chair": "A fictional chair",
         "family_contact": "The family met the chair.", "criminal_proceedings": "Trial pending: disclosure limited.",
         "coroner": "Inquest opened and adjourned.", "publication_decision": "To be published after the trial.",
         "annual_report_inclusion": "SAB annual report 2026."}


@pytest.fixture
def demo(db):
    return demo_records()


def create(demo, kind, **data):
    return other_review_create(actor=demo["admin"], partnership=demo["partnership"], kind=kind, **data)


def police(demo):
    return Agency.objects.get(partnership=demo["partnership"], kind=AgencyKind.POLICE)


@pytest.mark.parametrize("kind, data, kept", [
    ("national", {"title": "Safeguarding children with disabilities", "source_body": "The Panel",
                  "published_on": days_ago(300), "summary": "Fictional."}, {"source_body": "The Panel"}),
    ("sar", {"title": "SAR Adult M", **ADULT}, ADULT),
    ("darr", {"title": "DARR Family U", **ADULT, "legal_basis": "Domestic Violence, Crime and Victims Act 2004 s9"},
     {"coroner": ADULT["coroner"], "legal_basis": "Domestic Violence, Crime and Victims Act 2004 s9"}),
    ("audit", {"title": "Neglect audit", "scope": "Twenty cases of neglect."}, {"scope": "Twenty cases of neglect."}),
])
def test_each_kind_keeps_its_own_fields_and_starts_open(demo, kind, data, kept):
    """A national, adult or audit review keeps its kind's fields, opens, and is audited."""
    review = create(demo, kind, **data)
    assert (review.kind, review.status) == (kind, "open")
    assert {name: getattr(review, name) for name in kept} == kept
    assert AuditEvent.objects.get(target_type="learning.review", target_id=str(review.pk)).changes["kind"] == [
        None, kind]


def test_year_defaults_to_the_year_published(demo):
    """A national review with no year is dated to the year it was published."""
    review = create(demo, "national", title="A Panel report", source_body="The Panel", published_on=days_ago(500))
    assert review.year == days_ago(500).year


def test_single_agency_review_needs_one_of_the_partnerships_agencies(demo):
    """The agency is required, and must be the partnership's own."""
    with pytest.raises(ValidationError) as error:
        create(demo, "single_agency", title="Police review")
    assert "Choose the agency" in error.value.message_dict["agency"][0]
    with pytest.raises(ValidationError) as error:
        create(demo, "single_agency", title="Police review", agency=AgencyFactory(partnership=PartnershipFactory()))
    assert "partnership's agencies" in error.value.message_dict["agency"][0]
    assert create(demo, "single_agency", title="Police review", agency=police(demo)).agency == police(demo)


@pytest.mark.parametrize("kind, data, field, message", [
    ("national", {"title": "T", "published_on": days_ago(1)}, "source_body", "Enter who published it"),
    ("national", {"title": "T", "source_body": "Panel"}, "published_on", "Enter the date it was published"),
    ("national", {"title": "T", "source_body": "P", "published_on": days_ago(-5)}, "published_on", "future"),
    ("sar", {"title": "T"}, "commissioning_body", "Enter the body that commissioned it"),
    ("darr", {"title": "T", "commissioning_body": "CSP", "criteria_basis": "maybe"}, "criteria_basis", "mandatory"),
    ("audit", {"title": "T"}, "scope", "Enter what the audit looked at"),
    ("audit", {"title": " ", "scope": "S"}, "title", "Enter a title"),
    ("audit", {"title": "T", "scope": "S", "year": 1800}, "year", "between 1990 and 2100"),
    ("lcspr", {"title": "T"}, "kind", "Choose the kind"),
])
def test_each_kind_requires_its_fields(demo, kind, data, field, message):
    """What a kind needs is refused beside its field; nothing is saved."""
    with pytest.raises(ValidationError) as error:
        create(demo, kind, **data)
    assert message in error.value.message_dict[field][0]
    assert not Review.objects.exists()


def test_completed_and_reopened_through_the_lifecycle(demo):
    """Open -> completed -> open; practice review moves do not apply; edits are audited."""
    review = create(demo, "audit", title="Neglect audit", scope="Twenty cases.")
    review = review_move(actor=demo["admin"], review=review, move="complete")
    assert review.status == "completed" and review.completed_on is not None
    with pytest.raises(ValidationError, match="Choose what to do"):
        review_move(actor=demo["admin"], review=review, move="start")
    with pytest.raises(ValidationError, match="completed cannot become completed"):
        review_move(actor=demo["admin"], review=review, move="complete")
    review = review_move(actor=demo["admin"], review=review, move="reopen")
    assert (review.status, review.completed_on) == ("open", None)
    other_review_update(actor=demo["admin"], review=review, scope="Thirty cases.")
    assert AuditEvent.objects.filter(target_id=str(review.pk), verb="updated").last().changes["scope"] == [
        "Twenty cases.", "Thirty cases."]
    with pytest.raises(PermissionDenied):
        create({**demo, "admin": demo["chair"]}, "audit", title="T", scope="S")


def test_add_page_builds_the_form_for_the_kind(client, demo):
    """?kind=sar shows the adult review fields; without a kind, a choice of kinds; the post records it."""
    sign_in(client, demo["admin"])
    url = reverse("learning:review_add")
    assert "What kind of review is it?" in client.get(url).content.decode()
    html = client.get(f"{url}?kind=sar").content.decode()
    assert "Commissioning body" in html and "Coroner (optional)" in html and "Published by" not in html
    response = client.post(f"{url}?kind=sar", {"title": "SAR Adult M", "commissioning_body": "SAB"})
    review = Review.objects.get()
    assert response.status_code == 302 and review.kind == "sar"
    assert client.post(f"{url}?kind=national", {"title": "T"}).status_code == 400


def test_add_page_is_for_the_business_team(client, demo):
    """A chair is refused (403)."""
    sign_in(client, demo["chair"])
    assert client.get(reverse("learning:review_add") + "?kind=audit").status_code == 403


def test_review_list_filters_by_kind_and_status_and_shows_the_clock(client, demo):
    """The list filters; a practice review shows its publication clock; an unknown filter is ignored."""
    lcspr = commissioned(demo)
    create(demo, "audit", title="Neglect audit", scope="S")
    sign_in(client, demo["chair"])
    url = reverse("learning:review_list")
    html = client.get(url).content.decode()
    assert "Neglect audit" in html and lcspr.title in html and "Running" in html
    html = client.get(f"{url}?kind=audit").content.decode()
    assert "Neglect audit" in html and lcspr.title not in html
    html = client.get(f"{url}?status=commissioned").content.decode()
    assert "Neglect audit" not in html and lcspr.title in html
    response = client.get(f"{url}?kind=zzz&page=abc")
    assert response.status_code == 200 and "have been ignored" in response.content.decode()


def test_review_list_is_paginated_and_has_an_empty_state(client, demo):
    """No reviews: a sentence saying so. Thirty: two pages."""
    sign_in(client, demo["admin"])
    url = reverse("learning:review_list")
    assert "There are no reviews yet" in client.get(url).content.decode()
    for n in range(30):
        create(demo, "audit", title=f"Audit {n}", scope="S")
    assert "Page 1 of 2" in client.get(url).content.decode()
    assert "Audit 0" in client.get(f"{url}?page=2").content.decode()


def test_review_list_points_to_decisions_waiting_for_their_practice_review(client, demo):
    """A decision to hold an LCSPR with no review yet is listed with its commission link."""
    from tests.learning.test_practice_review_support import decided_rapid_review

    rapid_review = decided_rapid_review(demo)
    sign_in(client, demo["admin"])
    html = client.get(reverse("learning:review_list")).content.decode()
    assert reverse("learning:practice_review_commission", args=[rapid_review.pk]) in html
    commissioned(demo, rapid_review)
    html = client.get(reverse("learning:review_list")).content.decode()
    assert reverse("learning:practice_review_commission", args=[rapid_review.pk]) not in html


def test_review_list_does_not_query_per_review(client, demo):
    """One practice review and an audit, or three of each: the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.learning.test_practice_review_support import decided_rapid_review

    sign_in(client, demo["admin"])
    url = reverse("learning:review_list")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    commissioned(demo)
    create(demo, "audit", title="Audit 0", scope="S")
    one = queries()
    for n in range(1, 3):
        commissioned(demo, rapid_review=decided_rapid_review(demo, reference=f"SIN-Q-{n}"))
        create(demo, "audit", title=f"Audit {n}", scope="S")
    assert queries() == one
