"""The practice review's pages: its record with both clocks and their warnings, flagged reviewers and overdue
milestones, the status and publication forms with their refusals beside the fields, who may open them, and
the dashboard's list of open practice reviews."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from casereview.learning.review_list_selectors import practice_reviews_for_dashboard
from casereview.learning.review_services import practice_review_update, review_move
from casereview.learning.review_team_services import milestone_add, reviewer_add
from tests.conftest import PartnershipFactory, sign_in, user_with_role
from tests.learning.test_practice_review_support import commissioned, days_ago, decided_rapid_review, demo_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    return demo_records()


def page(client, review) -> str:
    response = client.get(reverse("learning:review_detail", args=[review.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_review_page_shows_both_clocks_and_asks_for_a_planned_date(client, demo):
    """The publication clock runs from the decision; the advance copy waits for a planned date."""
    review = commissioned(demo)
    sign_in(client, demo["chair"])
    html = page(client, review)
    assert "Published within 6 months of the decision" in html
    assert "Set a planned publication date to start this clock" in html
    assert "Commissioned from the" in html and "SIN-PR-1" in html


def test_review_page_warns_when_publication_is_planned_after_the_six_months(client, demo):
    """Planned publication after the due date is a warning on the page, with both dates."""
    review = commissioned(demo, rapid_review=decided_rapid_review(demo, decided_on=days_ago(10)))
    practice_review_update(actor=demo["admin"], review=review, planned_publication_date=days_ago(-200))
    sign_in(client, demo["admin"])
    html = page(client, review)
    assert "is after the 6-month due date" in html


def test_review_page_flags_a_reviewer_who_is_not_independent_and_overdue_milestones(client, demo):
    """A non-independent reviewer and a milestone planned before today and not done are flagged."""
    review = commissioned(demo)
    reviewer_add(actor=demo["admin"], review=review, name="Sam Insider", independent=False)
    milestone_add(actor=demo["admin"], review=review, kind="practitioner_event", planned_on=days_ago(3))
    milestone_add(actor=demo["admin"], review=review, kind="first_draft", planned_on=days_ago(-30))
    sign_in(client, demo["admin"])
    html = page(client, review)
    assert "Not independent of the agencies involved: Sam Insider" in html
    assert "1 milestone overdue" in html


def test_status_refusal_is_shown_beside_the_field(client, demo):
    """Marking quality assured without the QA milestone done answers 400 with the reason by the field."""
    review = review_move(actor=demo["admin"], review=commissioned(demo), move="start")
    sign_in(client, demo["admin"])
    url = reverse("learning:review_status", args=[review.pk])
    assert "Mark quality assured" not in client.get(url).content.decode()  # the form lists what can happen
    response = client.post(url, {"move": "quality_assured"})
    assert response.status_code == 400
    assert "quality assurance by the subgroup as done" in response.content.decode()
    assert client.post(url, {"move": "send_back"}).status_code == 400


def test_status_buttons_move_the_review(client, demo):
    """The Start button posts the move and returns to the review."""
    review = commissioned(demo)
    sign_in(client, demo["admin"])
    assert "Start the review" in page(client, review)
    response = client.post(reverse("learning:review_status", args=[review.pk]), {"move": "start"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "in_progress"


def test_publish_page_needs_every_field_and_quality_assurance(client, demo):
    """Posting without fields on a review not yet assured answers 400 with each message."""
    review = commissioned(demo)
    sign_in(client, demo["admin"])
    url = reverse("learning:review_publish", args=[review.pk])
    assert "Child O, Child P" in client.get(url).content.decode()  # pseudonyms from the notification
    html = client.post(url, {}).content.decode()
    assert "Enter date published" in html and "Enter the address where the report is published" in html
    response = client.post(url, {"published_on": days_ago(1).isoformat(), "publication_url": "https://x.example",
                                 "pseudonyms": "Child O"})
    assert response.status_code == 400 and "commissioned cannot become published" in response.content.decode()


def test_not_publish_page_needs_reasons(client, demo):
    """No reasons: 400 with the message beside the field."""
    review = commissioned(demo)
    sign_in(client, demo["admin"])
    response = client.post(reverse("learning:review_not_publish", args=[review.pk]),
                           {"completed_on": timezone.localdate().isoformat()})
    assert response.status_code == 400 and "Enter why the report is not being published" in response.content.decode()


def test_milestone_edit_records_the_date_done(client, demo):
    """The milestone form saves the done date and returns to the milestones."""
    review = commissioned(demo)
    milestone = milestone_add(actor=demo["admin"], review=review, kind="family_engagement", planned_on=days_ago(4))
    sign_in(client, demo["admin"])
    response = client.post(reverse("learning:milestone_edit", args=[review.pk, milestone.pk]), {
        "kind": "family_engagement", "planned_on": days_ago(4).isoformat(), "done_on": days_ago(2).isoformat()})
    assert response.status_code == 302 and response["Location"].endswith("#milestones")
    milestone.refresh_from_db()
    assert milestone.done_on == days_ago(2)


@pytest.mark.parametrize("name, kwargs", [("learning:review_detail", {}), ("learning:review_edit", {}),
                                          ("learning:review_publish", {}), ("learning:milestone_add", {})])
def test_contributors_and_other_partnerships_see_nothing(client, demo, name, kwargs):
    """An agency contributor and another partnership's business team get 404, as if there were no review."""
    review = commissioned(demo)
    url = reverse(name, args=[review.pk])
    for user in (demo["contributor"], user_with_role(PartnershipFactory(), "business_team")):
        sign_in(client, user)
        assert client.get(url).status_code == 404


def test_readers_cannot_change_a_review(client, demo):
    """A chair reads the review but is refused its forms (403) and its status posts."""
    review = commissioned(demo)
    sign_in(client, demo["chair"])
    assert "Start the review" not in page(client, review)
    assert client.get(reverse("learning:review_edit", args=[review.pk])).status_code == 403
    assert client.post(reverse("learning:review_status", args=[review.pk]), {"move": "start"}).status_code == 403


def test_dashboard_lists_open_practice_reviews_with_next_milestone_and_clock(demo):
    """Open reviews only, soonest due first, each with its next milestone (overdue flagged) and its clock."""
    later = commissioned(demo, rapid_review=decided_rapid_review(demo, reference="SIN-D-1", decided_on=days_ago(10)))
    sooner = commissioned(demo, rapid_review=decided_rapid_review(demo, reference="SIN-D-2", decided_on=days_ago(90)))
    milestone_add(actor=demo["admin"], review=sooner, kind="practitioner_event", planned_on=days_ago(1))
    milestone_add(actor=demo["admin"], review=sooner, kind="first_draft", planned_on=days_ago(-10))
    rows = practice_reviews_for_dashboard(demo["admin"], demo["partnership"], timezone.localdate())["rows"]
    assert [row["review"] for row in rows] == [sooner, later]
    assert rows[0]["next_milestone"].kind == "practitioner_event" and rows[0]["next_milestone_overdue"] is True
    assert rows[1]["next_milestone"] is None and rows[0]["clock"]["state"].status == "running"
    assert rows[0]["status"] == "Commissioned"
    assert practice_reviews_for_dashboard(demo["contributor"], demo["partnership"], timezone.localdate()) == {
        "rows": [], "more": 0}


def test_dashboard_shows_the_soonest_due_practice_reviews_and_counts_the_rest(client, demo):
    """However many are open, the dashboard shows the `limit` due soonest and links to the list for the rest."""
    reviews = [commissioned(demo, rapid_review=decided_rapid_review(demo, reference=f"SIN-L-{n}",
                                                                    decided_on=days_ago(10 * n + 1)))
               for n in range(4)]
    shown = practice_reviews_for_dashboard(demo["admin"], demo["partnership"], timezone.localdate(), limit=3)
    assert [row["review"] for row in shown["rows"]] == reviews[::-1][:3] and shown["more"] == 1
    every = practice_reviews_for_dashboard(demo["admin"], demo["partnership"], timezone.localdate(), limit=4)
    assert len(every["rows"]) == 4 and every["more"] == 0
