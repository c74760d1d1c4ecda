"""The decision with its rationale against every criterion, and the three partners' sign-off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casereview.reviews.criteria import CRITERIA
from casereview.reviews.decision_services import rapid_review_decide, rapid_review_sign_off
from casereview.reviews.models import Decision, RapidReview, SignOff
from tests.conftest import sign_in

from .conftest import circulated, decided, decision_data, met

pytestmark = pytest.mark.django_db


def _refused(demo, review, **overrides) -> dict:
    with pytest.raises(ValidationError) as excinfo:
        rapid_review_decide(actor=demo["admin"], review=review, data=decision_data(**overrides))
    assert not Decision.objects.exists() and RapidReview.objects.get(pk=review.pk).status == "meeting_held"
    return excinfo.value.message_dict


def test_missing_rationale_is_refused_naming_the_criterion(demo):
    """A criterion answered without a rationale is refused: "Give a rationale for criterion (a)"."""
    review = met(demo, circulated(demo))
    criteria = decision_data()["criteria"]
    criteria["a"] = {"answer": "yes", "rationale": "  "}
    errors = _refused(demo, review, criteria=criteria)
    assert errors == {"rationale_a": ["Give a rationale for criterion (a)"]}


def test_every_criterion_must_be_answered(demo):
    """Leaving out a guidance criterion is refused with its own message."""
    review = met(demo, circulated(demo))
    criteria = decision_data()["criteria"]
    del criteria["institutional_setting"]
    errors = _refused(demo, review, criteria=criteria)
    assert set(errors) == {"answer_institutional_setting", "rationale_institutional_setting"}


def test_identity_section_is_required(demo):
    """Without the identity and inequalities section the decision is refused with the house wording."""
    errors = _refused(demo, met(demo, circulated(demo)), identity_and_inequalities="")
    assert errors["identity_and_inequalities"] == [
        "Say how identity and inequalities shaped the child's experience and the practice"]


def test_lcspr_needs_a_methodology(demo):
    """A local review needs a methodology from the list."""
    errors = _refused(demo, met(demo, circulated(demo)), methodology="")
    assert "methodology" in errors
    assert "methodology" in _refused(demo, met(demo, circulated(demo, reference="SIN-2")), methodology="Guesswork")


def test_escalation_needs_the_dissent(demo):
    """Escalating to the SLG without recording the dissent is refused."""
    errors = _refused(demo, met(demo, circulated(demo)), escalated_to_slg=True, dissent="")
    assert errors == {"dissent": ["Record the dissent that is being escalated to the SLG"]}


def test_decision_is_saved_with_every_criterion_and_moves_the_review(demo):
    """A full decision stores each answer and rationale, dated the meeting day by default."""
    review = decided(demo, met(demo, circulated(demo)), outcome="learning_event", methodology="")
    decision = review.decision
    assert review.status == "decided" and decision.decided_on == date(2026, 1, 9)
    assert set(decision.criteria) == {c.key for c in CRITERIA}
    assert decision.criteria["a"] == {"answer": "yes", "rationale": "Because of a."}


def test_second_decision_is_refused(demo):
    """A decision is recorded once."""
    review = decided(demo, met(demo, circulated(demo)))
    with pytest.raises(ValidationError, match="already been recorded"):
        rapid_review_decide(actor=demo["admin"], review=review, data=decision_data())
    assert Decision.objects.count() == 1


def _form_data(**overrides):
    data = {"immediate_actions": "Plan", "learning_so_far": "Slow sharing", "identity_and_inequalities": "Language",
            "outcome": "lcspr", "methodology": "Hybrid", "national_review_rationale": "Local learning only"}
    for c in CRITERIA:
        data[f"answer_{c.key}"], data[f"rationale_{c.key}"] = "no", "Not shown."
    return {**data, **overrides}


def test_decision_page_shows_the_missing_rationale_by_its_field(demo, client):
    """On the page a missing rationale is shown beside criterion (b) and nothing is saved."""
    review = met(demo, circulated(demo))
    sign_in(client, demo["admin"])
    response = client.post(reverse("reviews:decide", args=[review.pk]), _form_data(rationale_b=""))
    assert response.status_code == 400
    assert "Give a rationale for criterion (b)" in response.content.decode()
    assert not Decision.objects.exists()


def test_decision_page_records_the_decision(demo, client):
    """A complete form records the decision and returns to the review, which shows it."""
    review = met(demo, circulated(demo))
    sign_in(client, demo["admin"])
    response = client.post(reverse("reviews:decide", args=[review.pk]), _form_data(), follow=True)
    assert response.status_code == 200 and "Local child safeguarding practice review (Hybrid)" in \
        response.content.decode()


def test_sign_off_dates_are_checked(demo):
    """Sign-off cannot be before the decision or in the future, and each partner signs once."""
    review = decided(demo, met(demo, circulated(demo)))
    for when, message in [(date(2026, 1, 8), "before the decision"),
                          (timezone.localdate() + timedelta(days=1), "in the future")]:
        with pytest.raises(ValidationError, match=message):
            rapid_review_sign_off(actor=demo["admin"], review=review, partner="police", signed_by="M A",
                                  signed_on=when)
    rapid_review_sign_off(actor=demo["admin"], review=review, partner="police", signed_by="M A",
                          signed_on=date(2026, 1, 12))
    with pytest.raises(ValidationError, match="already signed off"):
        rapid_review_sign_off(actor=demo["admin"], review=review, partner="police", signed_by="M A",
                              signed_on=date(2026, 1, 12))
    assert SignOff.objects.count() == 1


def test_third_sign_off_moves_the_review_to_signed_off(demo):
    """The review stays decided until all three partners have signed off."""
    review = decided(demo, met(demo, circulated(demo)))
    rapid_review_sign_off(actor=demo["admin"], review=review, partner="police", signed_by="M A",
                          signed_on=date(2026, 1, 12))
    assert RapidReview.objects.get(pk=review.pk).status == "decided"
    for partner in ("local_authority", "health"):
        rapid_review_sign_off(actor=demo["admin"], review=review, partner=partner, signed_by="A Partner",
                              signed_on=date(2026, 1, 13))
    assert RapidReview.objects.get(pk=review.pk).status == "signed_off"


def test_sign_off_page_offers_only_the_partners_still_to_sign(demo, client):
    """After police sign, the page offers the local authority and health, and records one."""
    review = decided(demo, met(demo, circulated(demo)))
    rapid_review_sign_off(actor=demo["admin"], review=review, partner="police", signed_by="Marcus Achterberg",
                          signed_on=date(2026, 1, 12))
    sign_in(client, demo["admin"])
    url = reverse("reviews:sign_off", args=[review.pk])
    page = client.get(url).content.decode()
    assert 'value="police"' not in page and 'value="health"' in page and "Marcus Achterberg" in page
    response = client.post(url, {"partner": "health", "signed_by": "Rowan Fairweather", "signed_on": "2026-01-12"})
    assert response.status_code == 302 and SignOff.objects.count() == 2

