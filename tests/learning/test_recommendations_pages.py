"""The recommendations part of the review page and its forms: findings, recommendations with their actions
(status, RAG, overdue), national recommendations' assessment and the list still to assess, the rapid review's
recommendations, and who may open the forms."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casereview.accounts.models import User
from casereview.actions.models import Action
from casereview.learning.models import Recommendation, Review
from casereview.learning.recommendation_selectors import rapid_review_recommendations_part
from casereview.learning.recommendation_services import recommendation_action_add, recommendation_add
from casereview.partnerships.models import Agency, AgencyKind, Person
from tests.conftest import sign_in
from tests.reviews.conftest import demo, record  # noqa: F401  (demo is a fixture)


@pytest.fixture
def pages(demo, client):  # noqa: F811
    """An LCSPR and a national review of the demo partnership; the business manager signed in."""
    partnership = demo["subgroup"].partnership
    lcspr = Review.objects.create(partnership=partnership, kind="lcspr", title="Practice review: Child K (fictional)",
                                  status="in_progress", group=demo["subgroup"], decision_date=date(2026, 1, 5))
    national = Review.objects.create(partnership=partnership, kind="national", title="Panel report (fictional)",
                                     status="completed", source_body="The Panel", published_on=date(2025, 6, 1))
    sign_in(client, demo["admin"])
    return {**demo, "lcspr": lcspr, "national": national, "partnership": partnership,
            "police": Agency.objects.get(partnership=partnership, kind=AgencyKind.POLICE),
            "devon": Person.objects.get(full_name="Devon Okafor")}


def _action(pages, rec, title, due, status="not_started", rag=""):
    action = recommendation_action_add(actor=pages["admin"], recommendation=rec, title=title, agency=pages["police"],
                                       owner=pages["devon"], due_date=due, set_on=due - timedelta(days=90), rag=rag)
    Action.objects.filter(pk=action.pk).update(status=status)
    return action


def test_add_a_recommendation_and_a_finding_through_the_pages(client, pages):
    """The forms add them; the review page lists both; an empty text is a 400 with the message by the field."""
    lcspr = pages["lcspr"]
    bad = client.post(f"/learning/reviews/{lcspr.pk}/recommendations/add/", {"text": ""})
    assert bad.status_code == 400 and "Enter the recommendation" in bad.content.decode()
    response = client.post(f"/learning/reviews/{lcspr.pk}/recommendations/add/",
                           {"text": "Agencies share information at the first contact."}, follow=True)
    page = response.content.decode()
    assert "Recommendation added" in page and "Recommendation 1" in page
    assert "Agencies share information at the first contact." in page
    client.post(f"/learning/reviews/{lcspr.pk}/findings/add/", {"text": "Information was not shared."})
    page = client.get(f"/learning/reviews/{lcspr.pk}/").content.decode()
    assert "Finding 1." in page and "Information was not shared." in page


def test_review_page_shows_actions_with_status_rag_and_overdue(client, pages):
    """Each recommendation lists its actions with their status, RAG rating and an overdue flag."""
    today = timezone.localdate()
    rec = recommendation_add(actor=pages["admin"], review=pages["lcspr"], text="Share information.")
    _action(pages, rec, "Brief every officer", today + timedelta(days=5), rag="amber")
    late = _action(pages, rec, "Audit strategy meetings", today + timedelta(days=1), status="at_risk", rag="red")
    Action.objects.filter(pk=late.pk).update(due_date=today - timedelta(days=3))
    page = client.get(f"/learning/reviews/{pages['lcspr'].pk}/").content.decode()
    assert "Brief every officer" in page and "Audit strategy meetings" in page
    assert "Actions from recommendation 1: 1 overdue" in page
    assert "govuk-tag--red\">Overdue" in page and "At risk" in page and ">Amber<" in page and ">Red<" in page
    assert f'action="/learning/recommendations/{rec.pk}/remove/"' not in page  # it has actions


def test_review_page_queries_do_not_grow_with_recommendations(client, pages):
    """One recommendation with one action or four with eight: the same number of queries."""
    url = f"/learning/reviews/{pages['lcspr'].pk}/"
    rec = recommendation_add(actor=pages["admin"], review=pages["lcspr"], text="First.")
    _action(pages, rec, "A", timezone.localdate() + timedelta(days=9))

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    for n in range(3):
        rec = recommendation_add(actor=pages["admin"], review=pages["lcspr"], text=f"More {n}.")
        for m in range(2):
            _action(pages, rec, f"Action {n}{m}", timezone.localdate() + timedelta(days=9))
    assert count() == before


def test_remove_closes_the_gap_and_refuses_with_actions(client, pages):
    """Removing recommendation 1 of 2 renumbers the other; removing one with actions is a 400 saying why."""
    first = recommendation_add(actor=pages["admin"], review=pages["lcspr"], text="First.")
    second = recommendation_add(actor=pages["admin"], review=pages["lcspr"], text="Second.")
    response = client.post(f"/learning/recommendations/{first.pk}/remove/", follow=True)
    assert "Recommendation 1 removed" in response.content.decode()
    second.refresh_from_db()
    assert second.number == 1
    _action(pages, second, "Brief officers", timezone.localdate() + timedelta(days=5))
    refused = client.post(f"/learning/recommendations/{second.pk}/remove/")
    assert refused.status_code == 400 and "has 1 action: it cannot be removed" in refused.content.decode()
    assert client.get(f"/learning/recommendations/{second.pk}/remove/").status_code == 405


def test_set_an_action_from_the_page(client, pages):
    """The action form sets an action owned by the agency and led by one of its people."""
    rec = recommendation_add(actor=pages["admin"], review=pages["lcspr"], text="Share information.")
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    data = {"title": "Brief every officer", "agency": pages["police"].pk, "owner": pages["devon"].pk,
            "due_date": due, "rag": "green"}
    wrong_lead = {**data, "owner": Person.objects.get(full_name="Ayla Brennan").pk}
    bad = client.post(f"/learning/recommendations/{rec.pk}/actions/add/", wrong_lead)
    assert bad.status_code == 400 and "Choose a lead from Northmoor Constabulary" in bad.content.decode()
    response = client.post(f"/learning/recommendations/{rec.pk}/actions/add/", data, follow=True)
    assert "Action set" in response.content.decode()
    action = Action.objects.get(recommendation=rec)
    assert (action.owner, action.agency, action.rag) == (pages["devon"], pages["police"], "green")


def test_national_assessment_page_and_list(client, pages):
    """An unassessed national recommendation is listed; assessing it takes it off the list and shows the
    response on the review page. A local recommendation has no assessment page."""
    rec = recommendation_add(actor=pages["admin"], review=pages["national"], text="Review strategy meetings.")
    listing = client.get("/learning/recommendations/national/").content.decode()
    assert "Review strategy meetings." in listing and f"/learning/recommendations/{rec.pk}/assess/" in listing
    bad = client.post(f"/learning/recommendations/{rec.pk}/assess/",
                      {"relevance": "not_relevant", "response": "", "assessed_on": "2026-01-10"})
    assert bad.status_code == 400 and "Say why it is not relevant locally" in bad.content.decode()
    client.post(f"/learning/recommendations/{rec.pk}/assess/",
                {"relevance": "relevant", "response": "Audit of strategy meetings in May.",
                 "assessed_on": "2026-01-10"})
    assert "Every national recommendation has been assessed" in client.get(
        "/learning/recommendations/national/").content.decode()
    page = client.get(f"/learning/reviews/{pages['national'].pk}/").content.decode()
    assert "Relevant locally" in page and "Audit of strategy meetings in May." in page
    local = recommendation_add(actor=pages["admin"], review=pages["lcspr"], text="Local.")
    assert client.get(f"/learning/recommendations/{local.pk}/assess/").status_code == 404


def test_rapid_review_recommendation_add(client, pages):
    """A rapid review takes recommendations too; the add page returns to the rapid review."""
    rapid_review = record(pages).rapid_review
    response = client.post(f"/learning/rapid-reviews/{rapid_review.pk}/recommendations/add/",
                           {"text": "Share the learning now."})
    assert response.status_code == 302 and response["Location"] == f"/reviews/{rapid_review.pk}/#recommendations"
    part = rapid_review_recommendations_part(rapid_review, pages["admin"], timezone.localdate())
    assert [row["rec"].text for row in part["recs_rows"]] == ["Share the learning now."]
    assert Recommendation.objects.get(rapid_review=rapid_review).number == 1


@pytest.mark.parametrize("username, expected", [("chair", 403), ("scrutineer", 403), ("contributor", 404)])
def test_readers_cannot_open_the_forms(client, pages, username, expected):
    """Only the business team changes recommendations; a contributor cannot even see the review."""
    rec = recommendation_add(actor=pages["admin"], review=pages["lcspr"], text="One.")
    sign_in(client, User.objects.get(username=username))
    for url in (f"/learning/reviews/{pages['lcspr'].pk}/recommendations/add/",
                f"/learning/recommendations/{rec.pk}/edit/", f"/learning/recommendations/{rec.pk}/actions/add/"):
        assert client.get(url).status_code == expected
